package org.shyperc.cli.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's end of the connection, for `shyperc lsp` and the tests alike. LSP4J answers a request whose method the
 * server's interfaces declare but does not implement (signature help, semantic tokens, code lens, …) with an internal
 * error carrying a Java stack trace, and one made after `shutdown` the same way: an editor logs those as the server's
 * failures. Here they are "method not found" and "invalid request", as the protocol has them, without a trace.
 */
public final class ServerLauncher {
    private ServerLauncher() { }

    public static Launcher<LanguageClient> create(ShyLanguageServer server, InputStream in, OutputStream out) {
        return new LSPLauncher.Builder<LanguageClient>().setLocalService(server).setRemoteInterface(LanguageClient.class)
                .setInput(in).setOutput(out).setExceptionHandler(new Errors()).create();
    }

    /** What a request's exception is answered with. */
    static final class Errors implements Function<Throwable, ResponseError> {
        @Override
        public ResponseError apply(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof UnsupportedOperationException) {
                    return new ResponseError(ResponseErrorCode.MethodNotFound, "This server does not implement the request.", null);
                }
                if (c instanceof RejectedExecutionException) {
                    return new ResponseError(ResponseErrorCode.InvalidRequest, "The server has been shut down.", null);
                }
            }
            return RemoteEndpoint.DEFAULT_EXCEPTION_HANDLER.apply(t);
        }
    }
}
