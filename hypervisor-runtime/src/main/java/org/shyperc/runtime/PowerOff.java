package org.shyperc.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hypervisor's last words on its console, which carry its exit status now that QEMU runs without semihosting
 * (with it, any guest kernel could open host files or run host commands: docs/runtime.md). A guest's console line
 * starts with its `[name] ` prefix, so only the hypervisor (or a VM given the UART itself) can write these.
 */
public final class PowerOff {
    private PowerOff() { }

    private static final Pattern STATUS = Pattern.compile("^shyper: .*powering off \\(status (\\d{1,3})\\)$");

    /** The status of a `shyper: … powering off (status N)` line, or null for any other line. */
    public static Integer status(String line) {
        Matcher m = STATUS.matcher(line);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The line after which a board with no firmware to power it off (QEMU's raspi4b) waits forever. */
    public static boolean halted(String line) {
        return line.startsWith("shyper: ") && line.endsWith("to power it off: halted");
    }
}
