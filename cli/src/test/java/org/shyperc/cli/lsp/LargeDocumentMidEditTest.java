package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large document being edited answers from its last analysis (its re-check held here): the
 * client's position in the new text is moved back across the edit, edit after edit, through
 * the shift and line table each buffer makes once.
 */
class LargeDocumentMidEditTest {
    @TempDir
    Path dir;

    @Test
    void requestsOnNewerTextsLandOnTheNamesTheLastAnalysisRead() throws Exception {
        Path file = LspFixture.demo(dir);
        String padding = "// padding, so that the document is large\n".repeat(Analyzer.LARGE / 40);
        String v1 = Files.readString(file) + padding;
        assertTrue(v1.length() > Analyzer.LARGE);
        Files.writeString(file, v1);
        try (LspSession session = new LspSession(dir, 0)) {
            String uri = session.open(file);
            session.nextDiagnostics(uri);
            int declared = line(v1, "vm rt :");
            Hover first = session.server.getTextDocumentService()
                    .hover(new HoverParams(new TextDocumentIdentifier(uri), at(v1, "size 64 MiB at pa"))).get(10, TimeUnit.SECONDS);
            assertNotNull(first, "no hover on the region before any edit");
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean hold = new AtomicBoolean(true);
            session.analyzer().beforeRead(p -> {
                if (p.equals(file) && hold.get()) await(release);
            });
            try {
                // two lines more above everything, then a space more in a line above the
                // names asked for (with the first edit, one edit from the first line to there), then a line more
                String v2 = "// one\n// two\n" + v1;
                String v3 = v2.replace("cpus [0]", "cpus [0] ");
                String v4 = "// three\n" + v3;
                int version = 2;
                for (String text : List.of(v2, v3, v4)) {
                    change(session, uri, version++, text);
                    Location vm = definition(session, uri, at(text, "rt @ 0x1000"));
                    assertEquals(declared, vm.getRange().getStart().getLine(), text.substring(0, 40));
                    Hover h = session.server.getTextDocumentService()
                            .hover(new HoverParams(new TextDocumentIdentifier(uri), at(text, "size 64 MiB at pa")))
                            .get(10, TimeUnit.SECONDS);
                    assertNotNull(h, "no hover on the region");
                    assertEquals(line(v1, "size 64 MiB at pa"), h.getRange().getStart().getLine());
                    assertTrue(h.getContents().getRight().getValue().contains("0x7000_0000"), h::toString);
                }
                // back to the text the analysis read (another string): no shift at all
                change(session, uri, version, new String(v1.toCharArray()));
                assertEquals(declared, definition(session, uri, at(v1, "rt @ 0x1000")).getRange().getStart().getLine());
            } finally {
                hold.set(false);
                release.countDown();
            }
        }
    }

    private static Location definition(LspSession session, String uri, Position at) throws Exception {
        return session.server.getTextDocumentService().definition(new DefinitionParams(new TextDocumentIdentifier(uri), at))
                .get(10, TimeUnit.SECONDS).getLeft().get(0);
    }

    private static void change(LspSession session, String uri, int version, String text) {
        session.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** The 0-based line and column of the first {@code needle}. */
    private static Position at(String text, String needle) {
        int i = text.indexOf(needle);
        return new Position(line(text, needle), i - text.lastIndexOf('\n', i - 1) - 1);
    }

    private static int line(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
