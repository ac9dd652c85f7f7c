package org.shyperc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.cli.CliRun;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** `--format line`: what it prints for a diagnostic with a related place and a hint, and that docs/cli.md says so. */
class LineRendererTest {
    private static final String PRINTED = """
            sys.shy:2:4: error[SHY0204]: VM `a` is declared twice.
            sys.shy:1:4: note[SHY0204]: the first is here
            sys.shy:2:4: help[SHY0204]: Rename one of them.
            """;

    private static String render() {
        SourceFile f = SourceFile.of("sys.shy", "vm a {}\nvm a {}\n");
        Diagnostic d = Diagnostic.of(Codes.DUPLICATE, new SourceSpan(f, 11, 12), "VM `a` is declared twice.")
                .related(new SourceSpan(f, 3, 4), "the first is here").hint("Rename one of them.").build();
        StringWriter out = new StringWriter();
        new LineRenderer().render(List.of(d), new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void aDiagnosticIsItsLineThenANoteForEachRelatedPlaceThenItsHint() {
        assertEquals(PRINTED, render());
    }

    @Test
    void theReferenceDocumentsEveryKindOfLinePrinted() throws IOException {
        String doc = Files.readString(CliRun.root().resolve("docs/cli.md"));
        int from = doc.indexOf("- `--format line`");
        String bullet = doc.substring(from, doc.indexOf("\n- ", from + 1)).replaceAll("\\s+", " ");
        for (String line : render().lines().toList()) {
            String kind = line.split(": ")[1].replaceAll("\\[SHY\\d+]", "");
            String documented = "error".equals(kind) ? "severity[CODE]" : kind + "[CODE]";
            assertTrue(bullet.contains("`file:line:col: " + documented + ": "), kind + " is not documented: " + bullet);
        }
    }
}
