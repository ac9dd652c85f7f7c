package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `shyperc run` boots the bare-metal example under QEMU: every VM speaks from each of its own cores. */
class RunBaremetalExampleTest {
    @Test
    void everyVmPrintsFromEachOfItsCoresAndTheRunEndsCleanly(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 120, "run", "examples/qemu-virt-baremetal/system.shy",
                "-o", out.toString(), "--timeout", "90");
        assertTrue(!r.output().contains("-accel"), r.output());
        everyVmSpokeAndStopped(r);
    }

    /** `--tcg single`: QEMU runs the four cores in one thread, in turn; the VMs still each run on their own cores. */
    @Test
    void theSameWithTheCoresInOneQemuThread(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 120, "run", "--tcg", "single", "examples/qemu-virt-baremetal/system.shy",
                "-o", out.toString(), "--timeout", "90");
        assertTrue(r.output().contains("shyperc: qemu-system-aarch64 -accel tcg,thread=single -machine virt,"), r.output());
        everyVmSpokeAndStopped(r);
    }

    /** Standard output is the console alone: the build's warning (no management VM for Rust-Shyper) goes to standard error. */
    @Test
    void theConsoleIsStandardOutputAlone(@TempDir Path out) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", CliScriptTest.JAR.toString(), "run",
                "examples/qemu-virt-baremetal/system.shy", "-o", out.resolve("o").toString(), "--timeout", "90")
                .directory(Shyperc.ROOT.toFile()).redirectOutput(out.resolve("stdout").toFile())
                .redirectError(out.resolve("stderr").toFile());
        pb.environment().put("NO_COLOR", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "run did not end");
        String stdout = java.nio.file.Files.readString(out.resolve("stdout"));
        String stderr = java.nio.file.Files.readString(out.resolve("stderr"));
        assertEquals(0, p.exitValue(), stdout + stderr);
        // the banner comes once the other cores run, so their guests may print first
        assertTrue(stdout.lines().anyMatch(l -> l.startsWith("shyper: system baremetal")), stdout);
        assertTrue(stdout.lines().allMatch(l -> l.startsWith("shyper: ") || l.startsWith("[")), stdout);
        assertTrue(!stdout.contains("SHY0918") && !stdout.contains("shyperc:"), stdout);
        assertTrue(stderr.contains("warning[SHY0918]") && stderr.contains("shyperc: qemu-system-aarch64"), stderr);
    }

    private static void everyVmSpokeAndStopped(Shyperc.Run r) {
        Map<String, Integer> vcpus = Map.of("alpha", 1, "beta", 2, "gamma", 1);
        vcpus.forEach((vm, n) -> {
            for (int v = 0; v < n; v++) {
                assertTrue(r.output().contains("[" + vm + "] vcpu " + v + ": hello (mpidr 0x8000000" + v),
                        vm + " vcpu " + v + " did not print:\n" + r.output());
            }
            assertTrue(r.output().contains("shyper: vm " + vm + " stopped: SYSTEM_OFF"), r.output());
        });
        // no VM may print under another's name: beta has two vCPUs, the others one
        assertTrue(!r.output().contains("[alpha] vcpu 1"), r.output());
        assertTrue(r.output().contains("every VM has stopped"), r.output());
        assertEquals(0, r.exit(), r.output());
    }
}
