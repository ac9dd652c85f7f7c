package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.plan.Plan;

/** The runtime on QEMU's Raspberry Pi 4 model (raspi4b): spin-table start, GIC-400, PL011 and mini-UART consoles. */
class Rpi4QemuTest {

    @Test
    void everyVmPrintsFromEachOfItsCoresStartedFromTheSpinTable(@TempDir Path dir) throws Exception {
        Plan plan = TestPlans.onRaspi4b(BootTest.threeVms(), "uart0");
        TestImages.link(plan, BootTest.HELLO).write(dir);
        Qemu.Result r = Qemu.run(Qemu.raspi4bCommand(dir.resolve("shyper.bin"), 0), 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        for (String line : List.of("[alpha] vcpu 0: hello (mpidr 0x80000000, el1)", "[alpha] vcpu 0: 3 timer ticks",
                "[beta] vcpu 1: hello (mpidr 0x80000001, el1)", "[beta] all 2 vcpus done", "[gamma] all 1 vcpus done",
                "shyper: every VM has stopped, powering off (status 0)")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        assertEquals(0, r.exitCode(), out);
    }
}
