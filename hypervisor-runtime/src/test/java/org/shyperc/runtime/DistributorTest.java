package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Rebuilding the GICv2 distributor's SPI state from QEMU's trace lines (format of QEMU 7.2's log backend). */
class DistributorTest {

    @Test
    void replaysEnablesDisablesAndTargetsInOrder() {
        Distributor d = Distributor.replayGicv2(List.of(
                "1234@1700000000.000001:gic_dist_write dist write at 0x00000184 size 4: 0xffffffff",
                "gic_dist_write dist write at 0x00000822 size 1: 0x00000008",          // SPI 34 -> CPU interface 3
                "gic_dist_write dist write at 0x00000824 size 4: 0x06050403",          // SPIs 36..39
                "gic_dist_write dist write at 0x00000104 size 4: 0x000000c4",          // enable 34, 38, 39
                "gic_dist_read dist read at 0x00000104 size 4: 0x000000c4",
                "gic_dist_write dist write at 0x00000184 size 1: 0x00000040",          // disable 38
                "gic_dist_write dist write at 0x00000100 size 4: 0x00000001",          // SGI bank: not an SPI
                "gic_dist_read dist read at 0x00000104 size 4: 0x00000084"), 64);
        assertEquals(List.of(), d.problems());
        TreeSet<Integer> on = new TreeSet<>();
        for (int i = 0; i < 64; i++) {
            if (d.enabled()[i]) {
                on.add(i);
            }
        }
        assertEquals(Set.of(34, 39), on);
        assertEquals(Set.of(3), d.targets().get(34));
        assertEquals(Set.of(0, 1), d.targets().get(36));
        assertEquals(Set.of(1, 2), d.targets().get(39));
        assertTrue(d.targets().get(35).isEmpty());
    }

    @Test
    void aReadQemuAnsweredOtherwiseIsAProblem() {
        Distributor d = Distributor.replayGicv2(List.of(
                "gic_dist_write dist write at 0x00000104 size 4: 0x00000004",
                "gic_dist_read dist read at 0x00000104 size 4: 0x00000006"), 64);
        assertEquals(List.of("the replayed GICD_ISENABLER at 0x104 is 0x4 but QEMU read 0x6"), d.problems());
    }

    @Test
    void noTraceIsAProblemNotAnEmptyDistributor() {
        Distributor d = Distributor.replayGicv2(List.of("some other line"), 64);
        assertFalse(d.problems().isEmpty());
    }
}
