package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RISC-V equivalents of the isolation attacks, from an attacker VM beside a victim with a heartbeat. */
class RiscvIsolationTest {

    static final List<String> ATTACKS = List.of(
            "read-other-vm-ram", "write-other-vm-ram", "read-hypervisor-memory", "write-hypervisor-memory", "firmware-memory",
            "read-other-vm-device", "write-other-vm-device", "read-unassigned-mmio", "write-unassigned-mmio",
            "write-read-only-shared-window", "plic-enable-foreign-source", "plic-priority-foreign-source",
            "plic-context-of-other-hart", "plic-byte-writes", "plic-pending-foreign-source", "ipi-to-other-vm-hart",
            "hsm-start-foreign-hart", "rfence-foreign-hart", "sbi-calls-reaching-m-mode", "hypervisor-and-machine-csrs",
            "cycle-counter-timing", "stage1-mapping-beyond-gpa-map", "virtio-descriptor-loop", "console-flood",
            "passthrough-irq-of-other-vm", "sbi-system-reset-race", "misaligned-atomic",
            "mmio-narrow-store-upper-bits", "mmio-misaligned-access", "mmio-access-crossing-page", "mmio-page-table-walk",
            "virtual-instructions", "sbi-physical-addresses-and-ids", "timer-extremes", "user-mode-counters");

    @Test
    void everyAttackIsContainedAndTheVictimKeepsBeating(@TempDir Path dir) throws Exception {
        Qemu.Result r = RiscvBootTest.boot(RiscvPlans.isolation(), Map.of("attacker", "attacker", "victim", "victim"), dir, 150);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        for (String attack : ATTACKS) {
            assertTrue(lines.contains("[attacker] CONTAINED " + attack), "attack " + attack + " not contained:\n" + out);
        }
        assertTrue(lines.contains("[victim] CONTAINED system-off (victim alive after the attacker's SBI shutdown)"), out);
        assertFalse(out.contains("ESCAPED"), out);
        assertFalse(out.contains("ALERT"), out);
        assertTrue(lines.contains("[attacker] .[1A.[2K[victim] forged by the attacker."), out);
        assertTrue(lines.contains("[attacker] message from the victim: hello attacker, victim here"), out);
        assertTrue(lines.contains("[victim] message from the attacker: hello victim, attacker here"), out);
        assertTrue(out.contains(" 1 RTC interrupt(s), 0 alert(s)"), out);
        int off = lines.indexOf("shyper: vm attacker stopped: SBI system shutdown");
        assertTrue(off >= 0, out);
        assertTrue(lines.stream().skip(off).anyMatch(l -> l.startsWith("[victim] heartbeat continued")), out);
        assertEquals(0, r.exitCode(), out);
    }
}
