package org.shyperc.codegen.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.shyperc.abi.BlobLayout;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.plan.Plan;

/** Which boards get the runtime's zeroing of VM RAM by default: all but QEMU's virt machines, as the examples build. */
class BlobFlagsTest {

    /** Each example's board and the flags a plain build gives it. */
    private static Map<String, Integer> defaults() {
        Map<String, Integer> flags = new TreeMap<>();
        Examples.systems().forEach(s -> {
            for (Plan p : Examples.plans(s)) flags.put(p.board().name(), BlobFlags.of(p.board(), false, false));
        });
        return flags;
    }

    @Test
    void qemuVirtBoardsAreNotZeroedByDefaultAndEveryOtherBoardIs() {
        Map<String, Integer> flags = defaults();
        for (String qemu : List.of("qemu-virt", "qemu-virt-gicv3", "qemu-riscv64")) {
            assertEquals(0, flags.get(qemu), qemu + " in " + flags);
        }
        // the Pi's model under QEMU (raspi4b) is a board like the real one: its firmware's RAM is not the VMs' concern
        for (String board : List.of("rpi4", "rpi4-qemu", "jetson-tx2", "rk3588")) {
            assertEquals(BlobLayout.FLAG_ZERO_RAM, flags.get(board), board + " in " + flags);
        }
    }

    @Test
    void theOptionsAddTheirBits() {
        Plan virt = Examples.plans(Examples.root().resolve(Path.of("examples", "qemu-virt-baremetal", "system.shy"))).get(0);
        assertTrue(BlobFlags.ramZeroAtPowerOn(virt.board()));
        assertEquals(BlobLayout.FLAG_ZERO_RAM, BlobFlags.of(virt.board(), false, true));
        assertEquals(BlobLayout.FLAG_TRAP_STATS | BlobLayout.FLAG_ZERO_RAM, BlobFlags.of(virt.board(), true, true));
        assertEquals(BlobLayout.FLAG_TRAP_STATS, BlobFlags.of(virt.board(), true, false));
        Plan pi = Examples.plans(Examples.root().resolve(Path.of("examples", "rpi4", "system.shy"))).get(0);
        assertEquals(BlobLayout.FLAG_ZERO_RAM, BlobFlags.of(pi.board(), false, false));
        assertEquals(BlobLayout.FLAG_TRAP_STATS | BlobLayout.FLAG_ZERO_RAM, BlobFlags.of(pi.board(), true, false));
    }
}
