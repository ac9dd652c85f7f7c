package org.shyperc.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies QEMU's console to the user as it comes, and remembers the first line QEMU itself
 * printed about an error (`qemu-system-aarch64: …`) before the hypervisor said anything, so
 * `run` can tell "QEMU did not start" from "the hypervisor stopped".
 */
public final class ConsoleCopy implements Runnable {
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder line = new StringBuilder();
    private volatile String qemuError;
    private boolean hypervisorSpoke;

    public ConsoleCopy(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void run() {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                out.flush();
                scan(buf, n);
            }
        } catch (IOException e) {
            // QEMU went away, or the user's terminal did: nothing more to show.
        }
        endOfLine();
    }

    /** QEMU's own error line when it printed one before the hypervisor started, else null. */
    public String qemuError() {
        return qemuError;
    }

    private void scan(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') endOfLine();
            else if (line.length() < 512) line.append((char) (buf[i] & 0xff));
        }
    }

    private void endOfLine() {
        if (line.length() == 0) return;
        String l = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).strip();
        line.setLength(0);
        if (l.startsWith("shyper")) hypervisorSpoke = true;
        else if (!hypervisorSpoke && qemuError == null && l.startsWith("qemu-system-")) qemuError = l;
    }
}
