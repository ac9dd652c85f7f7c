package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request the server does not implement is "method not found", without a Java stack trace; LSP4J answered it with an
 * internal error and the trace, which an editor logs as the server failing (an LSP probe asked for signature help).
 */
class UnimplementedRequestsTest {
    @Test
    void signatureHelpIsMethodNotFound(@TempDir Path dir) throws Exception {
        try (LspSession session = new LspSession(dir, 20)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> session.server.getTextDocumentService()
                    .signatureHelp(new SignatureHelpParams(new TextDocumentIdentifier(dir.resolve("a.shy").toUri().toString()),
                            new Position(0, 0))).get(10, TimeUnit.SECONDS));
            ResponseError error = ((ResponseErrorException) e.getCause()).getResponseError();
            assertEquals(ResponseErrorCode.MethodNotFound.getValue(), error.getCode());
            assertEquals("This server does not implement the request.", error.getMessage());
            assertNull(error.getData());
        }
    }

    @Test
    void theHandlerMapsWhatItKnowsAndLeavesTheRest() {
        ServerLauncher.Errors errors = new ServerLauncher.Errors();
        assertEquals(ResponseErrorCode.InvalidRequest.getValue(),
                errors.apply(new RuntimeException(new RejectedExecutionException("shut down"))).getCode());
        assertEquals(ResponseErrorCode.InternalError.getValue(), errors.apply(new IllegalStateException("a bug")).getCode());
    }
}
