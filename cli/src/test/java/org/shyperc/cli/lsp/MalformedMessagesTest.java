package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages a client should not send (found by a hostile LSP client): each is refused as the protocol says, and the open
 * documents stay as they were. A hover without params was an internal error with a stack trace in the log; a didOpen
 * without its text replaced the document with none, and every request on it failed from then on.
 */
class MalformedMessagesTest {
    @TempDir
    Path dir;

    private static int code(ExecutionException e) {
        return ((ResponseErrorException) e.getCause()).getResponseError().getCode();
    }

    @Test
    void aRequestWithoutParamsIsInvalidParams() throws Exception {
        try (LspSession session = new LspSession(dir, 20)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> session.server.getTextDocumentService().hover(null).get(10, TimeUnit.SECONDS));
            assertEquals(ResponseErrorCode.InvalidParams.getValue(), code(e));
        }
    }

    @Test
    void aRequestWithoutARequiredFieldIsInvalidParams() throws Exception {
        Path file = LspFixture.demo(dir);
        try (LspSession session = new LspSession(dir, 20)) {
            String uri = session.open(file);
            JsonObject params = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}}").getAsJsonObject();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> session.raw.request("textDocument/hover", params).get(10, TimeUnit.SECONDS));
            assertEquals(ResponseErrorCode.InvalidParams.getValue(), code(e));
        }
    }

    @Test
    void anOpenWithoutTextLeavesTheDocumentAsItWas() throws Exception {
        Path file = LspFixture.demo(dir);
        try (LspSession session = new LspSession(dir, 20)) {
            String uri = session.open(file);
            session.settle();
            session.raw.notify("textDocument/didOpen", JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri
                    + "\", \"languageId\": \"shy\", \"version\": 2}}").getAsJsonObject());
            session.settle();
            Hover h = session.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                    LspFixture.find(file, "size 64 MiB at pa"))).get(10, TimeUnit.SECONDS);
            assertNotNull(h);
            assertTrue(h.getContents().getRight().getValue().contains("VM `rt`"), h.getContents().getRight().getValue());
        }
    }

    /** The server's own replies go out unchecked: one that failed the check would never reach the waiting client. */
    @Test
    void onlyTheClientsMessagesAreChecked() {
        org.eclipse.lsp4j.jsonrpc.MessageConsumer outgoing = message -> { };
        org.junit.jupiter.api.Assertions.assertSame(outgoing, ServerLauncher.checked(outgoing));
    }

    @Test
    void theLogIsOneLineAnExceptionItsCauseAndPlaceInShyperc() {
        IllegalStateException inner = new IllegalStateException("bad \u001b]0;title\u0007 state");
        inner.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 1),
            new StackTraceElement("org.shyperc.cli.lsp.Hovers", "hover", "Hovers.java", 42)});
        LogRecord r = new LogRecord(Level.SEVERE, "Internal error: a request failed");
        r.setThrown(new java.util.concurrent.CompletionException(inner));
        String line = new OneLineLog().format(r);
        assertEquals("shyperc lsp: severe: Internal error: a request failed (java.lang.IllegalStateException: bad \\u001b]0;title\\u0007 "
                + "state, at org.shyperc.cli.lsp.Hovers.hover(Hovers.java:42))" + System.lineSeparator(), line);
        assertFalse(line.strip().contains("\n"), line);
    }
}
