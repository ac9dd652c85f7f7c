package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `shyperc run --trap-stats`: the runtime prints its traps by cause, per VM, at power-off; without it, nothing. */
class RunTrapStatsTest {

    @Test
    void theBareMetalExamplePrintsItsTrapTableWhenAsked(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 90, "run", "--trap-stats", "examples/qemu-virt-baremetal/system.shy",
                "-o", out.toString(), "--timeout", "60");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("shyper: trap statistics: exits from guests to EL2 by cause"), r.output());
        assertTrue(Pattern.compile("shyper: traps: cause +alpha +beta +gamma").matcher(r.output()).find(), r.output());
        // every VM wrote through its emulated UART and took timer interrupts: nonzero in each column
        assertTrue(Pattern.compile("shyper: traps: data abort: vUART +[1-9]\\d* +[1-9]\\d* +[1-9]\\d*").matcher(r.output()).find(),
                r.output());
        assertTrue(Pattern.compile("shyper: traps: IRQ: virtual timer +[1-9]\\d* +[1-9]\\d* +[1-9]\\d*").matcher(r.output()).find(),
                r.output());
        assertTrue(r.output().contains("shyper: boot (us since reset): entry "), r.output());
    }

    @Test
    void noTableWithoutTheOption(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 90, "run", "examples/qemu-virt-baremetal/system.shy",
                "-o", out.toString(), "--timeout", "60");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("shyper: every VM has stopped, powering off (status 0)"), r.output());
        assertFalse(r.output().contains("shyper: trap"), r.output());
    }
}
