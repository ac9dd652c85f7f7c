package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `shyperc run --test-hooks` on the isolation example: every attack contained, the victim's heartbeat never stops. */
class RunIsolationExampleTest {
    /** The attacks issue 4 names, by the names the attacker guest prints. */
    static final List<String> ATTACKS = List.of(
            "read-other-vm-ram", "write-other-vm-ram", "read-hypervisor-memory", "write-hypervisor-memory",
            "read-other-vm-device", "write-other-vm-device", "read-unassigned-mmio", "write-unassigned-mmio",
            "gicd-enable-foreign-spi", "gicd-route-foreign-spi", "gicd-set-pending-foreign-spi",
            "gicd-priority-foreign-spi", "sgi-to-other-vm-core", "psci-cpu-on-foreign-core", "unknown-smc",
            "unknown-hvc", "set-way-cache-maintenance", "stage1-mapping-beyond-ipa-map",
            "passthrough-irq-of-other-vm", "system-off",
            // issue 13: a doorbell the attacker was not given
            "ring-foreign-doorbell",
            // accesses the hypervisor cannot decode; user programs' trapped debug registers, 16-bit MMIO loads, HVC
            // and SMC; hostile PSCI arguments; the start hypercall; DC ZVA on pages it may only read; a virtio device
            // left running across SYSTEM_RESET, and its used ring in the read-only window; an SGI pending twice; EL2's
            // registers and instructions from EL1; the GIC's message frames; a trapped AArch32 instruction that failed
            // its condition; an SGI pending from two sources; a GICD_ICFGR register shared with the victim's SPI;
            // narrow stores of a register with junk above the access's width
            "gicd-access-without-syndrome", "aarch32-el0-debug-register", "thumb-mmio-instruction-length",
            "el0-hypervisor-calls", "aarch64-el0-debug-register", "psci-hostile-arguments",
            "start-vm-without-management", "dc-zva-read-only-pages", "virtio-device-reset-with-vm",
            "virtio-used-ring-in-read-only-window", "sgi-pending-twice", "el2-registers-from-el1",
            "gic-message-frames", "aarch32-failed-condition-trap", "sgi-from-two-sources", "gicd-icfgr-shared-register",
            "mmio-narrow-store-upper-bits");

    @Test
    void everyAttackIsContainedAndTheVictimKeepsBeating(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 150, "run", "--test-hooks", "examples/qemu-virt-isolation/system.shy",
                "-o", out.toString(), "--timeout", "120");
        for (String attack : ATTACKS) {
            assertTrue(r.output().contains("CONTAINED " + attack), attack + " not reported contained:\n" + r.output());
        }
        assertFalse(r.output().contains("ESCAPED"), r.output());
        assertTrue(r.output().contains("[victim] message from the attacker"), "the shared channel carried a message");
        assertTrue(r.output().contains("[victim] heartbeat continued"), r.output());
        assertTrue(r.output().contains("shyper: vm attacker stopped: SYSTEM_OFF"), r.output());
        assertEquals(0, r.exit(), r.output());
    }
}
