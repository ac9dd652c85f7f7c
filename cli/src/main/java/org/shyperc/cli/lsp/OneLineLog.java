package org.shyperc.cli.lsp;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.shyperc.cli.render.Visible;

/**
 * LSP4J's log, which `shyperc lsp` writes on standard error (what an editor shows as the server's log): one line a
 * record. LSP4J logged a malformed message or a failed request with a Java stack trace of thirty lines; here a thrown
 * exception is its innermost cause's class and message and the first place in shyperc it passed, enough to report a
 * bug. The text is made printable (a client's method name or JSON is in some of these lines).
 */
public final class OneLineLog extends Formatter {
    /** Held here: java.util.logging keeps loggers weakly, and a collected one would lose this configuration. */
    private static final Logger LSP4J = Logger.getLogger("org.eclipse.lsp4j");

    /** Routes LSP4J's records through this format to standard error, and only there. */
    public static void install() {
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new OneLineLog());
        LSP4J.setUseParentHandlers(false);
        LSP4J.addHandler(h);
    }

    @Override
    public String format(LogRecord r) {
        String message = formatMessage(r);
        StringBuilder b = new StringBuilder("shyperc lsp: ").append(r.getLevel().getName().toLowerCase(Locale.ROOT)).append(": ")
                .append(message == null ? "" : message);
        Throwable t = r.getThrown();
        if (t != null) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            b.append(" (").append(root.getClass().getName());
            if (root.getMessage() != null && (message == null || !message.contains(root.getMessage()))) {
                b.append(": ").append(root.getMessage());
            }
            StackTraceElement at = ours(root);
            if (at == null) at = ours(t);
            if (at != null) b.append(", at ").append(at);
            b.append(')');
        }
        return Visible.text(b.toString()) + System.lineSeparator();
    }

    private static StackTraceElement ours(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.shyperc.")) return e;
        }
        return null;
    }
}
