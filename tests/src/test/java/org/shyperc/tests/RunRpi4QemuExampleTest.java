package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `shyperc run` boots the Raspberry Pi 4 examples under QEMU's raspi4b (QEMU 9 or later: tests/qemu10/fetch-qemu.sh sets
 * one up, scripts/install-deps.sh runs it): bare-metal VMs on all four cores, started from the spin table; the isolation
 * attacks, contained.
 */
class RunRpi4QemuExampleTest {
    @Test
    void everyVmPrintsFromEachOfTheFourCores(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 120, "run", "examples/rpi4-qemu/system.shy",
                "-o", out.toString(), "--timeout", "90");
        assertTrue(r.output().contains("-machine raspi4b"), r.output());
        Map<String, Integer> vcpus = Map.of("alpha", 1, "beta", 2, "gamma", 1);
        vcpus.forEach((vm, n) -> {
            for (int v = 0; v < n; v++) {
                assertTrue(r.output().contains("[" + vm + "] vcpu " + v + ": hello (mpidr 0x8000000" + v + ", el1)"),
                        vm + " vcpu " + v + " did not print:\n" + r.output());
                assertTrue(r.output().contains("[" + vm + "] vcpu " + v + ": 3 timer ticks"), r.output());
            }
            assertTrue(r.output().contains("shyper: vm " + vm + " stopped: SYSTEM_OFF"), r.output());
        });
        assertFalse(r.output().contains("[alpha] vcpu 1"), r.output());
        assertTrue(r.output().contains("shyper: every VM has stopped, powering off (status 0)"), r.output());
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void everyAttackIsContainedOnRaspi4b(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 240, "run", "--test-hooks", "examples/rpi4-qemu/isolation.shy",
                "-o", out.toString(), "--timeout", "200");
        assertTrue(r.output().contains("-machine raspi4b"), r.output());
        for (String attack : RunIsolationExampleTest.ATTACKS) {
            assertTrue(r.output().contains("CONTAINED " + attack), attack + " not reported contained:\n" + r.output());
        }
        assertFalse(r.output().contains("ESCAPED"), r.output());
        // The victim's own SD host interrupt reached it; the attacker's probes of it were refused.
        assertTrue(r.output().contains("[victim] heartbeat continued: "), r.output());
        assertTrue(r.output().contains(" 1 SD host interrupt(s), 0 alert(s)"), r.output());
        assertTrue(r.output().contains("[victim] CONTAINED system-off (victim alive after the attacker's SYSTEM_OFF)"), r.output());
        assertEquals(0, r.exit(), r.output());
    }
}
