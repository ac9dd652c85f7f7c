package org.shyperc.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.shyperc.runtime.PowerOff;

/**
 * Copies QEMU's console to the user as it comes, and remembers the first line QEMU itself
 * printed about an error (`qemu-system-aarch64: …`) before the hypervisor said anything, so
 * `run` can tell "QEMU did not start" from "the hypervisor stopped"; and the hypervisor's
 * power-off line, whose status is the run's (QEMU runs without semihosting: docs/runtime.md).
 */
public final class ConsoleCopy implements Runnable {
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder line = new StringBuilder();
    private volatile String qemuError;
    private boolean hypervisorSpoke;
    private volatile Integer powerOffStatus;
    private volatile boolean halted;

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

    /** The status in the hypervisor's last `shyper: … powering off (status N)` line, or null. */
    public Integer powerOffStatus() {
        return powerOffStatus;
    }

    /** The hypervisor said it halted: a board with no firmware to power it off, so QEMU goes on until stopped. */
    public boolean halted() {
        return halted;
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
        if (l.startsWith("shyper")) {
            hypervisorSpoke = true;
            Integer status = PowerOff.status(l);
            if (status != null) powerOffStatus = status;
            if (PowerOff.halted(l)) halted = true;
        } else if (!hypervisorSpoke && qemuError == null && l.startsWith("qemu-system-")) qemuError = l;
    }
}
