package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File URIs no local path can stand for (found by fuzzing: `%00` in a name threw
 * InvalidPathException out of every handler) are treated like unsaved buffers: every message
 * about them is answered, nothing is logged, and the server goes on serving real files.
 */
class UnusableUrisTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"file:///tmp/a%00b.shy", "file:relative.shy", "file://host/share/a.shy",
            "file:///tmp/a.shy?query", "file:///tmp/a.shy#frag", "file:///tmp/a b.shy", "file:", "file:%",
            "file:///tmp/%E0%A4%A.shy"})
    void everyMessageAboutItIsAnsweredAndNothingIsLogged(String bad) throws Exception {
        Path file = LspFixture.demo(dir);
        List<LogRecord> logged = new ArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) { if (r.getLevel().intValue() >= Level.WARNING.intValue()) logged.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger lsp4j = Logger.getLogger("org.eclipse.lsp4j");
        lsp4j.addHandler(h);
        try (LspSession session = new LspSession(dir, 0)) {
            TextDocumentService docs = session.server.getTextDocumentService();
            String text = Files.readString(file);
            TextDocumentIdentifier id = new TextDocumentIdentifier(bad);
            docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(bad, "shy", 1, text)));
            docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(bad, 2),
                    List.of(new TextDocumentContentChangeEvent(text + "\n"))));
            docs.didSave(new DidSaveTextDocumentParams(id));
            assertNull(docs.hover(new HoverParams(id, new Position(0, 0))).get(10, TimeUnit.SECONDS));
            assertEquals(List.of(), docs.formatting(new DocumentFormattingParams(id, new FormattingOptions(4, true)))
                    .get(10, TimeUnit.SECONDS));
            assertNull(docs.documentSymbol(new DocumentSymbolParams(id)).get(10, TimeUnit.SECONDS));
            docs.didClose(new DidCloseTextDocumentParams(id));

            // the server still serves a real file
            String good = session.open(file);
            session.settle();
            assertNotNull(docs.hover(new HoverParams(new TextDocumentIdentifier(good), LspFixture.find(file, "rtc")))
                    .get(10, TimeUnit.SECONDS));
        } finally {
            lsp4j.removeHandler(h);
        }
        assertTrue(logged.isEmpty(), () -> logged.get(0).getMessage() + " " + logged.get(0).getThrown());
    }

    @Test
    void aReadableFileUriStillWorks() {
        assertTrue(Positions.isFile(dir.toUri().toString()));
        assertEquals(dir.toAbsolutePath().normalize(), Positions.path(dir.toUri().toString()));
    }
}
