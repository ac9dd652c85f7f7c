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
