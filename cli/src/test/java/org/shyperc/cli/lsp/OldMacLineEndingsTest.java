package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document whose lines end in a carriage return alone (old Mac files): LSP counts `\r` as a line end as it does `\n`
 * and `\r\n`, so the server's lines must be the editor's. They were not: the whole document was line 0 to the server,
 * a hover found nothing and a diagnostic was drawn on the first line.
 */
class OldMacLineEndingsTest {
    @TempDir
    Path dir;

    /** 0-based line and column of {@code needle}, lines split at `\r` as the editor splits them. */
    private static Position at(String text, String needle) {
        String[] lines = text.split("\r", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) return new Position(i, lines[i].indexOf(needle));
        }
        throw new AssertionError(needle);
    }

    @Test
    void positionsHoversCompletionsAndDiagnosticsMeetTheEditorsLines() throws Exception {
        Path lf = LspFixture.demo(dir);
        String text = Files.readString(lf).replace("passthrough rtc\n", "passthrough rtcc\n        \n").replace("\n", "\r");
        Path cr = Files.writeString(dir.resolve("cr.shy"), text);
        try (LspSession session = new LspSession(dir, 20)) {
            String uri = session.open(cr);
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);

            Position misspelt = at(text, "passthrough rtcc");
            List<Diagnostic> ds = session.nextDiagnostics(uri).getDiagnostics();
            Diagnostic unknown = ds.stream().filter(d -> "SHY0203".equals(d.getCode().getLeft())).findFirst().orElseThrow();
            assertEquals(misspelt.getLine(), unknown.getRange().getStart().getLine(), ds.toString());
            assertEquals(misspelt.getCharacter() + "passthrough ".length(), unknown.getRange().getStart().getCharacter());

            Hover h = session.server.getTextDocumentService().hover(new HoverParams(id, at(text, "size 64 MiB at pa")))
                    .get(10, TimeUnit.SECONDS);
            assertNotNull(h);
            assertTrue(h.getContents().getRight().getValue().contains("VM `rt`"), h.getContents().getRight().getValue());

            Position blank = at(text, "passthrough rtcc");
            blank.setLine(blank.getLine() + 1);
            List<String> statements = session.server.getTextDocumentService().completion(new CompletionParams(id, blank))
                    .get(10, TimeUnit.SECONDS).getLeft().stream().map(CompletionItem::getLabel).toList();
            assertTrue(statements.containsAll(List.of("cpus", "memory", "kernel", "passthrough")), statements.toString());
        }
    }
}
