package org.shyperc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * A snippet of a very long line (a generated or minified file's one line): the part around the span, cut with `…`, the
 * carets still under the span. The whole line was printed, megabytes for a big file, with a caret line as long.
 */
class LongLineSnippetTest {
    private static String render(String text, int start, int end) {
        SourceFile f = SourceFile.of("long.shy", text);
        Diagnostic d = Diagnostic.of(Codes.UNKNOWN_NAME, new SourceSpan(f, start, end), "No device `zz`.").build();
        StringWriter out = new StringWriter();
        new PrettyRenderer(false).render(List.of(d), new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void aSpanDeepInALongLineIsShownWithItsNeighboursAndCaretsUnderIt() {
        String text = "x ".repeat(50_000) + "zz" + " y".repeat(50_000);
        int at = text.indexOf("zz");
        List<String> lines = render(text, at, at + 2).lines().toList();
        String source = lines.get(3);
        String carets = lines.get(4);
        assertTrue(source.startsWith("1 | …"), source);
        assertTrue(source.endsWith("…"), source);
        assertTrue(source.length() < PrettyRenderer.WIDTH + 10, source.length() + " characters");
        int caret = carets.indexOf('^');
        assertEquals("zz", source.substring(caret, caret + 2), source + "\n" + carets);
        assertEquals(caret + 2, carets.length());
    }

    @Test
    void aSpanAtTheStartOfALongLineIsCutOnTheRightOnly() {
        String text = "zz" + " y".repeat(10_000);
        List<String> lines = render(text, 0, 2).lines().toList();
        assertTrue(lines.get(3).startsWith("1 | zz y"), lines.get(3));
        assertTrue(lines.get(3).endsWith("…"), lines.get(3));
        assertEquals("  | ^^", lines.get(4));
    }

    @Test
    void aShortLineIsShownWhole() {
        String text = "board b { device zz }";
        List<String> lines = render(text, 17, 19).lines().toList();
        assertEquals("1 | board b { device zz }", lines.get(3));
        assertEquals("  |                  ^^", lines.get(4));
    }
}
