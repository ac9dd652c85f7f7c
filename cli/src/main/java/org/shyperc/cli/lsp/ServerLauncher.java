package org.shyperc.cli.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.validation.ReflectiveMessageValidator;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
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
                .setInput(in).setOutput(out).setExceptionHandler(new Errors()).wrapMessages(ServerLauncher::checked).create();
    }

    /**
     * The client's messages, checked before they are handled: the protocol's required fields (LSP4J's validator, its
     * @NonNull), then params themselves. A request without them is "invalid params", a notification without them is
     * dropped; a didOpen without its text used to replace the document with none, and every later request on it
     * failed. The server's own messages go out unchecked (the builder wraps both directions with this function): a
     * reply that failed the check would never reach the client, which would wait for it.
     */
    static MessageConsumer checked(MessageConsumer next) {
        return next instanceof RemoteEndpoint ? new ParamsRequired(new ReflectiveMessageValidator(next)) : next;
    }

    /**
     * A client's request or notification without params, where the method has them: LSP4J's validator checks the fields
     * inside params, not params itself, and a hover without them failed as an internal error with a stack trace. Such a
     * request is answered "invalid params" and not handled; such a notification is logged and dropped. `shutdown`,
     * `exit` and `initialized` may come without.
     */
    static final class ParamsRequired implements MessageConsumer {
        private final MessageConsumer next;

        ParamsRequired(MessageConsumer next) { this.next = next; }

        @Override
        public void consume(Message message) {
            String method = message instanceof RequestMessage r ? r.getMethod()
                    : message instanceof NotificationMessage n ? n.getMethod() : null;
            Object params = message instanceof RequestMessage r ? r.getParams()
                    : message instanceof NotificationMessage n ? n.getParams() : "";
            if (method != null && params == null && (method.startsWith("textDocument/") || method.startsWith("workspace/"))) {
                throw new MessageIssueException(message, new MessageIssue("`" + method + "` needs its params.",
                        ResponseErrorCode.InvalidParams.getValue()));
            }
            next.consume(message);
        }
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
