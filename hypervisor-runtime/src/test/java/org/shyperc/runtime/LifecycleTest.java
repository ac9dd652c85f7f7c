package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.plan.Lifecycle;
import org.shyperc.plan.Plan;

/**
 * VM lifecycle policies the example test (tests module, RunLifecycleExampleTest) does not show: `stop-system` powers
 * the machine off at once, `on reset halt` stops a VM that asks for SYSTEM_RESET; a VM whose every vCPU has called
 * CPU_OFF has stopped, as by SYSTEM_OFF (its `off` policy). docs/runtime.md, "VM lifecycle".
 */
class LifecycleTest {

    private static Plan faultStopsTheSystem() {
        Plan p = BootTest.threeVms();
        return TestPlans.plan("demo", List.of(
                TestPlans.bootargs(p.vm("alpha"), "fault=0x54000000")
                        .withLifecycle(Lifecycle.DEFAULT.with(Lifecycle.Event.FAULT, Lifecycle.Policy.STOP_SYSTEM)),
                TestPlans.bootargs(p.vm("beta"), "ticks=400"), TestPlans.bootargs(p.vm("gamma"), "ticks=400")), List.of());
    }

    private static void assertStoppedTheSystem(Qemu.Result r) {
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        assertTrue(out.contains("shyper: vm alpha: stage-2 fault at IPA 0x54000000 (write)"), out);
        int stop = lines.indexOf("shyper: vm alpha stopped: stage-2 fault; its policy stops the system");
        assertTrue(stop >= 0 && lines.indexOf("shyper: powering off (status 3)") > stop, out);
        // beta and gamma were still running (4 s of ticks each): the machine did not wait for them
        assertFalse(out.contains("[beta] all 2 vcpus done"), out);
        assertFalse(out.contains("[gamma] all 1 vcpus done"), out);
        assertFalse(out.contains("every VM has stopped"), out);
        assertEquals(3, r.exitCode(), out);
    }

    @Test
    void stopSystemPowersTheMachineOffAtTheFaultOnGicv2(@TempDir Path dir) throws Exception {
        assertStoppedTheSystem(TestImages.boot(faultStopsTheSystem(), BootTest.HELLO, dir, 60));
    }

    @Test
    void stopSystemPowersTheMachineOffAtTheFaultOnGicv3(@TempDir Path dir) throws Exception {
        assertStoppedTheSystem(TestImages.boot(TestPlans.onGicv3(faultStopsTheSystem()), BootTest.HELLO, dir, 60));
    }

    /** beta's two vCPUs both end with CPU_OFF: nobody is left to turn one on again, so beta has stopped. */
    private static Plan betaTurnsEveryVcpuOff(Lifecycle lifecycle, String othersArgs) {
        Plan p = BootTest.threeVms();
        return TestPlans.plan("demo", List.of(TestPlans.bootargs(p.vm("alpha"), othersArgs),
                TestPlans.bootargs(p.vm("beta"), "off=1").withLifecycle(lifecycle),
                TestPlans.bootargs(p.vm("gamma"), othersArgs)), List.of());
    }

    @Test
    void aVmWhoseVcpusAreAllOffHasStopped(@TempDir Path dir) throws Exception {
        Qemu.Result r = TestImages.boot(betaTurnsEveryVcpuOff(Lifecycle.DEFAULT, "ticks=3"), BootTest.HELLO, dir, 60);
        String out = r.output();
        List<String> lines = r.lines();
        // It used to count as running: the machine waited for it for ever (the test timed out).
        assertFalse(r.timedOut(), out);
        int off = lines.indexOf("[beta] vcpu 0: CPU_OFF, the last vcpu on");
        int stop = lines.indexOf("shyper: vm beta stopped: CPU_OFF of its last vCPU");
        assertTrue(off >= 0 && stop > off, out);
        assertTrue(lines.contains("shyper: every VM has stopped, powering off (status 0)"), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void theLastCpuOffFollowsTheOffPolicy(@TempDir Path dir) throws Exception {
        Plan plan = betaTurnsEveryVcpuOff(Lifecycle.DEFAULT.with(Lifecycle.Event.OFF, Lifecycle.Policy.STOP_SYSTEM), "ticks=400");
        Qemu.Result r = TestImages.boot(TestPlans.onGicv3(plan), BootTest.HELLO, dir, 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        int stop = r.lines().indexOf("shyper: vm beta stopped: CPU_OFF of its last vCPU; its policy stops the system");
        assertTrue(stop >= 0 && r.lines().indexOf("shyper: powering off (status 0)") > stop, out);
        assertFalse(out.contains("[alpha] all 1 vcpus done"), out);  // 0x400 ticks: the machine did not wait for alpha
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void aVcpusUnfinishedLineIsPrintedBeforeItsVmStops(@TempDir Path dir) throws Exception {
        // beta's vCPU 1 leaves a line without its newline and stays in its guest; vCPU 0 powers the VM off. The line was
        // printed when vCPU 1 left the guest, after the stop, or not at all when the machine powered off first.
        Plan p = BootTest.threeVms();
        Plan tail = TestPlans.plan("demo", List.of(p.vm("alpha"), TestPlans.bootargs(p.vm("beta"), "tail=1"), p.vm("gamma")),
                List.of());
        Qemu.Result r = TestImages.boot(tail, BootTest.HELLO, dir, 60);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        int line = lines.indexOf("[beta] vcpu 1: a line without its end");
        assertTrue(line >= 0 && line < lines.indexOf("shyper: vm beta stopped: SYSTEM_OFF"), out);
        assertEquals(1, lines.stream().filter(l -> l.contains("a line without its end")).count(), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void resetHaltStopsAVmThatAsksForSystemReset(@TempDir Path dir) throws Exception {
        Plan p = BootTest.threeVms();
        Plan halting = TestPlans.plan("demo", List.of(p.vm("alpha"),
                TestPlans.bootargs(p.vm("beta"), "reset=0x43000000")
                        .withLifecycle(Lifecycle.DEFAULT.with(Lifecycle.Event.RESET, Lifecycle.Policy.HALT)),
                p.vm("gamma")), List.of());
        Qemu.Result r = TestImages.boot(halting, BootTest.HELLO, dir, 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertTrue(r.lines().contains("[beta] asking for SYSTEM_RESET"), out);
        assertTrue(r.lines().contains("shyper: vm beta stopped: SYSTEM_RESET"), out);
        assertFalse(out.contains("restarting"), out);
        assertFalse(out.contains("[beta] boot 2"), out);
        assertTrue(r.lines().contains("shyper: every VM has stopped, powering off (status 0)"), out);
        assertEquals(0, r.exitCode(), out);
    }
}
