package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;

/** `shyperc run` on a system QEMU cannot boot: what it says instead (these never start QEMU). */
class RunCommandTest {

    /** A starter system for {@code board} whose guest images exist, so that it builds. */
    private static Path starter(Path dir, String board) throws IOException {
        Path system = dir.resolve("system.shy");
        CliRun init = CliRun.of("init", "--board", board, "-o", system.toString());
        assertEquals(0, init.status(), init.err());
        Files.createDirectories(dir.resolve("images"));
        for (String image : new String[] {"Image", "guest.bin"}) Files.write(dir.resolve("images").resolve(image), new byte[4096]);
        return system;
    }

    /**
     * The hypervisor's status is `run`'s own, and 3 is also the status table's "internal error": the line that reports
     * it says what the runtime meant by it (docs/runtime.md), so a starter system's stand-in kernel faulting reads as
     * that, not as a bug in shyperc.
     */
    @Test
    void thePowerOffStatusIsSaidInWords() {
        assertEquals("shyperc: the hypervisor powered off with status 0: every VM powered itself off.", RunCommand.poweredOff(0));
        assertEquals("shyperc: the hypervisor powered off with status 3: a VM stopped on a fault (the `shyper: vm …` line above "
                + "says which and where).", RunCommand.poweredOff(3));
        assertEquals("shyperc: the hypervisor powered off with status 2: it refused its configuration (the line above says "
                + "why).", RunCommand.poweredOff(2));
        assertEquals("shyperc: the hypervisor powered off with status 99: it panicked (the line above says where).",
                RunCommand.poweredOff(99));
        assertEquals("shyperc: the hypervisor powered off with status 7: a VM's exit code, from the runtime's test hypercall.",
                RunCommand.poweredOff(7));
    }

    @Test
    void aSystemWithErrorsSaysThatNothingWasWrittenOrStarted(@TempDir Path dir) throws IOException {
        Path system = starter(dir, "qemu-virt");
        Files.writeString(system, Files.readString(system).replaceFirst("size (\\d+) MiB", "size $1 MB"));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", "-o", out.toString(), system.toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("error[SHY0101]"), run.err());
        assertTrue(run.err().endsWith("Build failed; nothing was written and QEMU was not started.\n"), run.err());
        assertTrue(Files.notExists(out), "a failed build writes nothing");
    }

    @Test
    void aBoardQemuModelsGetsItsModelNamed(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("run", "-o", dir.resolve("out").toString(), starter(dir, "rpi4").toString());
        assertEquals(2, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("none of the system's boards is a QEMU board"), run.err());
        assertTrue(run.err().contains("\nThe board `rpi4-qemu` is QEMU's model of `rpi4` (both are compatible "
                + "`raspberrypi,4-model-b`): import it with `import board \"rpi4-qemu\"` and add `rpi4-qemu` to the system's `for`.\n"),
                run.err());
    }

    @Test
    void aBoardQemuDoesNotModelGetsTheBoardsItCanRunListed(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("run", "-o", dir.resolve("out").toString(), starter(dir, "jetson-tx2").toString());
        assertEquals(2, run.status(), run.out() + run.err());
        String hint = run.err().lines().filter(l -> l.startsWith("The boards on the board path that QEMU can run are ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.err()));
        for (String qemu : new String[] {"`qemu-virt`", "`qemu-riscv64`", "`rpi4-qemu`"}) assertTrue(hint.contains(qemu), hint);
        for (String real : new String[] {"`rpi4`", "`jetson-tx2`", "`rk3588`"}) assertTrue(!hint.contains(real), hint);
        assertTrue(hint.endsWith(": import one with `import board \"NAME\"` and add it to the system's `for`."), hint);
    }
}
