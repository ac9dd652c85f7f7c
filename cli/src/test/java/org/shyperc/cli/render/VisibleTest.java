package org.shyperc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** Input text reaches the terminal and `--format line` without line breaks or escape sequences of its own. */
class VisibleTest {
    @Test
    void controlFormatAndLineSeparatorCharactersAreEscapedAndTheRestKept() {
        assertEquals("a\\nb\\r\\u001b[2J\\u0007\\u0000\\u007f\\u0085\\u2028\\u202e\tcafé ☃ 𝄞",
                Visible.text("a\nb\r\u001b[2J\u0007\u0000\u007f\u0085\u2028\u202e\tcafé ☃ 𝄞"));
        String plain = "The kernel `k.bin` of vm `a` does not exist.";
        assertSame(plain, Visible.text(plain));
    }

    @Test
    void aSourceLineKeepsItsLengthSoTheCaretsStayUnderTheirColumns() {
        assertEquals("x \uFFFD[2J \uFFFD y", Visible.line("x \u001b[2J \u2028 y"));
    }

    @Test
    void bothTextRenderersPrintOneLinePerPartWhateverTheInputHolds() {
        SourceFile f = SourceFile.of("s\n.shy", "kernel \"k\u001b]0;title\u0007\"\n");
        Diagnostic d = Diagnostic.of(Codes.IMAGE_MISSING, new SourceSpan(f, 7, 20),
                "The kernel `k\nfake.shy:1:1: error[SHY0101]: x` does not exist.").hint("Look at `k\u001b[2J`.").build();
        StringWriter line = new StringWriter();
        new LineRenderer().render(List.of(d), new PrintWriter(line, true));
        assertEquals("""
                s\\n.shy:1:8: warning[SHY0701]: The kernel `k\\nfake.shy:1:1: error[SHY0101]: x` does not exist.
                s\\n.shy:1:8: help[SHY0701]: Look at `k\\u001b[2J`.
                """, line.toString());
        StringWriter pretty = new StringWriter();
        new PrettyRenderer(false).render(List.of(d), new PrintWriter(pretty, true));
        assertEquals("""
                warning[SHY0701]: The kernel `k\\nfake.shy:1:1: error[SHY0101]: x` does not exist.
                  --> s\\n.shy:1:8
                  |
                1 | kernel "k\uFFFD]0;title\uFFFD"
                  |        ^^^^^^^^^^^^^
                  help: Look at `k\\u001b[2J`.

                """, pretty.toString());
    }
}
