package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacker VM tries every attack of issues 4 and 10 beside a victim with a heartbeat; all must be contained. */
class IsolationTest {

    static final List<String> ATTACKS = List.of(
            "read-other-vm-ram", "write-other-vm-ram", "read-hypervisor-memory", "write-hypervisor-memory",
            "read-other-vm-device", "write-other-vm-device", "read-unassigned-mmio", "write-unassigned-mmio", "hypervisor-gic-interface", "write-read-only-shared-window",
            "gicd-enable-foreign-spi", "gicd-disable-foreign-spi", "gicd-route-foreign-spi",
            "gicd-set-pending-foreign-spi", "gicd-priority-foreign-spi", "sgi-to-other-vm-core",
            "psci-cpu-on-foreign-core", "unknown-smc", "unknown-hvc", "set-way-cache-maintenance",
            "stage1-mapping-beyond-ipa-map", "passthrough-irq-of-other-vm",
            "gicd-unaligned-icfgr", "gicd-byte-and-halfword-writes", "pmu-cycles-at-el2", "debug-registers",
            "unrouted-level-spi", "virtio-descriptor-loop", "virtio-transmit-hog-with-console-input",
            "psci-system-reset-race", "sgi-to-nonexistent-vcpu", "console-flood", "ring-foreign-doorbell",
            "gicd-access-without-syndrome", "aarch32-el0-debug-register", "start-vm-without-management",
            "virtio-device-reset-with-vm", "thumb-mmio-instruction-length", "el0-hypervisor-calls",
            "aarch64-el0-debug-register", "psci-hostile-arguments", "virtio-used-ring-in-read-only-window",
            "dc-zva-read-only-pages", "sgi-pending-twice", "el2-registers-from-el1",
            "gic-message-frames", "aarch32-failed-condition-trap",
            "sgi-from-two-sources", "gicd-icfgr-shared-register", "mmio-narrow-store-upper-bits");

    /** The attacker's line after which the test types on the console (its receive interrupt lands on core 0). */
    static final String TYPE_AFTER = "[attacker] virtio: hogging the transmit queue until console input arrives";

    @Test
    void everyAttackIsContainedAndTheVictimKeepsBeating(@TempDir Path dir) throws Exception {
        Qemu.Result r = TestImages.bootIsolation(TestPlans.isolation(), dir, 120);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        for (String attack : ATTACKS) {
            assertTrue(lines.contains("[attacker] CONTAINED " + attack), "attack " + attack + " not contained:\n" + out);
        }
        assertTrue(lines.contains("[victim] CONTAINED system-off (victim alive after the attacker's SYSTEM_OFF)"), out);
        assertFalse(out.contains("ESCAPED"), out);
        assertFalse(out.contains("ALERT"), out);
        // the test build says where stage 1 and HPFAR_EL2 disagree on a console write's IPA (trap.c fault_ipa)
        assertFalse(out.contains("permission fault's IPA"), out);
        // The attacker's escape sequences (cursor up, clear line, bell) reached the console as '.', not as controls.
        assertTrue(lines.contains("[attacker] .[1A.[2K[victim] forged by the attacker."), out);
        assertFalse(out.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'), "a control character reached the console");
        // The line typed on the console while the attacker hogged its virtio device reached the attacker.
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("[attacker] virtio hog:") && l.endsWith("console input arrived")), out);
        // Its own level interrupt, never routed by it, reached the attacker (and no other VM's core).
        assertTrue(lines.contains("[attacker] unrouted level SPI: 1 interrupt(s) reached this VM"), out);
        // Both directions of the shared channel, and the victim's passthrough RTC interrupt.
        assertTrue(lines.contains("[attacker] message from the victim: hello attacker, victim here"), out);
        assertTrue(lines.contains("[victim] message from the attacker: hello victim, attacker here"), out);
        assertTrue(out.contains(" 1 RTC interrupt(s), 0 alert(s)"), out);
        // SYSTEM_OFF stopped the attacker alone: the victim's heartbeat went on after it.
        int off = lines.indexOf("shyper: vm attacker stopped: SYSTEM_OFF");
        assertTrue(off >= 0, out);
        assertTrue(lines.stream().skip(off).anyMatch(l -> l.startsWith("[victim] heartbeat continued")), out);
        assertEquals(0, r.exitCode(), out);
    }
}
