package org.shyperc.cli.render;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The command line's standard error: what {@link Visible#text} escapes, escaped on the way out, but the line ends.
 * Its messages quote the user's words (a path, an unknown option), about thirty of them; one writer covers each,
 * where a message that forgot {@link Visible} sent a file name's escape sequence to the terminal.
 */
public final class VisibleWriter extends FilterWriter {
    public VisibleWriter(Writer out) {
        super(out);
    }

    private static boolean shown(char c) { return c == '\n' || c == '\r' || !Visible.hidden(c); }

    private void escape(char c) throws IOException { out.write(String.format("\\u%04x", (int) c)); }

    @Override
    public void write(int c) throws IOException {
        if (shown((char) c)) out.write(c);
        else escape((char) c);
    }

    // runs of shown characters go out in one call: a check may print megabytes of diagnostics
    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        int from = off;
        for (int i = off; i < off + len; i++) {
            if (shown(buf[i])) continue;
            out.write(buf, from, i - from);
            escape(buf[i]);
            from = i + 1;
        }
        out.write(buf, from, off + len - from);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        int from = off;
        for (int i = off; i < off + len; i++) {
            if (shown(s.charAt(i))) continue;
            out.write(s, from, i - from);
            escape(s.charAt(i));
            from = i + 1;
        }
        out.write(s, from, off + len - from);
    }
}
