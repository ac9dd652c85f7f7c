package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.plan.Plan;

/** The same systems on QEMU virt with gic-version=3. */
class Gicv3Test {

    @Test
    void everyVmPrintsFromEachOfItsCores(@TempDir Path dir) throws Exception {
        Qemu.Result r = TestImages.boot(TestPlans.onGicv3(BootTest.threeVms()), BootTest.HELLO, dir, 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        for (String line : List.of("[alpha] vcpu 0: 3 timer ticks", "[beta] vcpu 0: 3 timer ticks",
                "[beta] vcpu 1: hello (mpidr 0x80000001, el1)", "[beta] vcpu 1: 3 timer ticks", "[gamma] all 1 vcpus done",
                "shyper: every VM has stopped, powering off (status 0)")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        // the test build says where stage 1 and HPFAR_EL2 disagree on a console write's IPA (trap.c fault_ipa)
        assertFalse(out.contains("permission fault's IPA"), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void everyAttackIsContained(@TempDir Path dir) throws Exception {
        Plan plan = TestPlans.onGicv3(TestPlans.isolation());
        Qemu.Result r = TestImages.bootIsolation(plan, dir, 120);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        for (String attack : IsolationTest.ATTACKS) {
            assertTrue(r.lines().contains("[attacker] CONTAINED " + attack), "attack " + attack + " not contained:\n" + out);
        }
        assertFalse(out.contains("ESCAPED"), out);
        assertFalse(out.contains("ALERT"), out);
        // The line typed on the console while the attacker hogged its virtio device reached the attacker.
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("[attacker] virtio hog:") && l.endsWith("console input arrived")), out);
        assertTrue(out.contains(" 1 RTC interrupt(s), 0 alert(s)"), out);
        assertEquals(0, r.exitCode(), out);
    }
}
