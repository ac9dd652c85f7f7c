package org.shyperc.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs qemu-system-aarch64 (QEMU virt, GICv2, 4 x A57, 2 GiB) with a hard timeout, timestamping each output line. */
final class Qemu {
    private Qemu() { }

    /** -Dshyperc.qemu.echo=true prints every line QEMU writes as it comes (to follow a run while debugging). */
    static final boolean ECHO = Boolean.getBoolean("shyperc.qemu.echo");

    /** An output line and when it arrived, in ms after QEMU was started. */
    record Line(String text, long millis) { }

    record Result(int exitCode, boolean timedOut, List<Line> timed, long millis) {
        List<String> lines() { return timed.stream().map(Line::text).toList(); }
        String output() { return String.join("\n", lines()); }

        /** Milliseconds from start to the first line starting with {@code prefix}, or -1. */
        long firstMillis(String prefix) {
            return timed.stream().filter(l -> l.text().startsWith(prefix)).mapToLong(Line::millis).findFirst().orElse(-1);
        }
    }

    /**
     * The hypervisor image: EL2 entry (virtualization=on). No semihosting, as `shyperc run` has none: it would serve any
     * guest kernel's HLT #0xf000 (host files, host commands); the status is the hypervisor's power-off line's.
     */
    static List<String> hypervisorCommand(Path elf) {
        return hypervisorCommand(elf, 2);
    }

    static List<String> hypervisorCommand(Path elf, int gicVersion) {
        return List.of("qemu-system-aarch64", "-machine", "virt,virtualization=on,gic-version=" + gicVersion,
                "-cpu", "cortex-a57", "-nic", "none", "-smp", "4", "-m", "2G", "-display", "none", "-monitor", "none",
                "-serial", "stdio", "-no-reboot", "-kernel", elf.toString());
    }

    /**
     * QEMU with the Raspberry Pi 4 model (raspi4b, QEMU 9 or later): SHYPERC_QEMU_AARCH64 or SHYPERC_QEMU if set (as
     * `shyperc run` takes them), else the QEMU 10 that tests/qemu10/fetch-qemu.sh sets up under ~/.cache/shyperc/qemu10.
     * Fails, never skips, without one.
     */
    static String raspi4bQemu() {
        for (String var : List.of("SHYPERC_QEMU_AARCH64", "SHYPERC_QEMU")) {
            String chosen = System.getenv(var);
            if (chosen != null && !chosen.isBlank()) return chosen;
        }
        Path cached = Path.of(System.getProperty("user.home"), ".cache", "shyperc", "qemu10", "qemu-system-aarch64");
        if (!java.nio.file.Files.isExecutable(cached)) {
            throw new AssertionError("No QEMU with the raspi4b machine at " + cached
                    + ": run tests/qemu10/fetch-qemu.sh (scripts/install-deps.sh does) or set SHYPERC_QEMU_AARCH64.");
        }
        return cached.toString();
    }

    /**
     * The hypervisor image on QEMU's Raspberry Pi 4 (4 x Cortex-A72, GIC-400, 2 GiB): the raw image, which QEMU
     * loads at RAM base + the Image header's text_offset and enters at EL2 (an ELF would start every core at EL3).
     * The console on serial 0 (PL011) or serial 1 (the mini-UART), the other one discarded.
     */
    static List<String> raspi4bCommand(Path bin, int consoleSerial) {
        List<String> cmd = new ArrayList<>(List.of(raspi4bQemu(), "-machine", "raspi4b", "-m", "2G", "-display", "none",
                "-monitor", "none"));
        for (int i = 0; i <= consoleSerial; i++) cmd.addAll(List.of("-serial", i == consoleSerial ? "stdio" : "null"));
        cmd.addAll(List.of("-no-reboot", "-kernel", bin.toString()));
        return cmd;
    }

    /** The riscv64 image on QEMU riscv virt: H extension on (-cpu rv64), OpenSBI as firmware, HS-mode entry. */
    static List<String> riscvCommand(Path elf) {
        return riscvCommand(elf, "2G");
    }

    static List<String> riscvCommand(Path elf, String ram) {
        return List.of("qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64", "-nic", "none", "-smp", "4", "-m", ram,
                "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-bios", "default",
                "-kernel", elf.toString());
    }

    static Result run(Path elf, int timeoutSeconds) throws IOException, InterruptedException {
        return run(hypervisorCommand(elf), timeoutSeconds);
    }

    static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        return run(cmd, timeoutSeconds, null, null);
    }

    /** As {@link #run(List, int)}, stopping QEMU once a line contains {@code until} (for guests that cannot power off). */
    static Result runUntil(List<String> cmd, int timeoutSeconds, String until) throws IOException, InterruptedException {
        return run(cmd, timeoutSeconds, null, null, until);
    }

    /** As {@link #run(List, int)}, typing {@code input} on the serial console once a line contains {@code after}. */
    static Result run(List<String> cmd, int timeoutSeconds, String after, String input) throws IOException, InterruptedException {
        return run(cmd, timeoutSeconds, after, input, null);
    }

    private static Result run(List<String> cmd, int timeoutSeconds, String after, String input, String until)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (input == null) p.getOutputStream().close();
        List<Line> lines = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<Integer> powerOff = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean halted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    lines.add(new Line(l.replace("\r", ""), (System.nanoTime() - t0) / 1_000_000));
                    if (ECHO) System.out.println("qemu| " + l.replace("\r", ""));
                    if (input != null && l.contains(after)) {
                        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                        p.getOutputStream().flush();
                    }
                    String text = l.replace("\r", "");
                    Integer status = PowerOff.status(text);
                    if (status != null) powerOff.set(status);
                    // a board with no firmware to power it off (raspi4b) halts: its last word said, stop QEMU
                    if (PowerOff.halted(text)) {
                        halted.set(true);
                        p.destroy();
                        break;
                    }
                    if (until != null && l.contains(until)) {
                        p.destroy();
                        break;
                    }
                }
            } catch (IOException e) {
                // the process went away
            }
        });
        reader.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(5000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // the hypervisor's status is its power-off line's; QEMU's own exit status otherwise (a guest booted directly)
        int code = !done ? -1 : powerOff.get() != null ? powerOff.get() : halted.get() ? -1 : p.exitValue();
        synchronized (lines) {
            return new Result(code, !done, List.copyOf(lines), ms);
        }
    }
}
