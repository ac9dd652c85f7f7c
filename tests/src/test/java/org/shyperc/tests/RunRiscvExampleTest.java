package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `shyperc run` boots the riscv64 bare-metal example under qemu-system-riscv64 (OpenSBI, HS-mode hypervisor). */
class RunRiscvExampleTest {
    @Test
    void everyVmPrintsFromEachOfItsHartsAndTheRunEndsCleanly(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 120, "run", "examples/qemu-riscv64-baremetal/system.shy",
                "-o", out.toString(), "--timeout", "90");
        assertTrue(r.output().contains("qemu-system-riscv64 -machine virt -cpu rv64"), r.output());
        Map<String, Integer> vcpus = Map.of("alpha", 1, "beta", 2, "gamma", 1);
        vcpus.forEach((vm, n) -> {
            for (int v = 0; v < n; v++) {
                assertTrue(r.output().contains("[" + vm + "] vcpu " + v + ": hello (hart " + v + ", s-mode)"),
                        vm + " vcpu " + v + " did not print:\n" + r.output());
            }
            assertTrue(r.output().contains("shyper: vm " + vm + " stopped: SBI system shutdown"), r.output());
        });
        assertFalse(r.output().contains("[alpha] vcpu 1"), r.output());
        assertTrue(r.output().contains("every VM has stopped, powering off (status 0)"), r.output());
        assertEquals(0, r.exit(), r.output());
    }
}
