package org.shyperc.cli.io;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Standard output that remembers why it failed. {@link System#out} and every PrintWriter swallow
 * write errors (`shyperc explain --list > /dev/full` would exit 0 with nothing written); the
 * commands print through {@link #writer()}, and Main asks {@link #failure()} at the end.
 */
public final class CheckedStdout extends OutputStream {
    private final OutputStream out;
    private IOException failure;
    private final PrintWriter writer;

    public CheckedStdout() {
        this(new FileOutputStream(FileDescriptor.out));
    }

    CheckedStdout(OutputStream out) {
        this.out = out;
        // autoflush on println, as picocli's own standard output does: `run` interleaves it with QEMU's console
        this.writer = new PrintWriter(new OutputStreamWriter(new BufferedOutputStream(this, 8192), StandardCharsets.UTF_8), true);
    }

    public PrintWriter writer() {
        return writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (failure != null) throw failure;
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        if (failure != null) throw failure;
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Flushes what is buffered; the first write error, or null when everything was written. */
    public IOException failure() {
        writer.flush();
        return failure;
    }

    /** A closed pipe (`shyperc explain --list | head -1`): the reader wanted no more, which is no error. */
    public static boolean isBrokenPipe(IOException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("broken pipe");
    }
}
