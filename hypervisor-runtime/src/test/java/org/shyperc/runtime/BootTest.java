package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** Boots linked images in QEMU virt and checks what every VM printed and the real exit status. */
class BootTest {

    static final Map<String, String> HELLO = Map.of("alpha", "hello", "beta", "hello", "gamma", "hello");

    static Plan threeVms() {
        return TestPlans.plan("demo", List.of(
                TestPlans.vm(0, "alpha", List.of(0), 0x5000_0000L, List.of(), List.of()),
                TestPlans.vm(1, "beta", List.of(1, 2), 0x5400_0000L, List.of(), List.of()),
                // gamma finds its console and GIC at other IPAs, from its DTB
                TestPlans.movedDevices(TestPlans.vm(2, "gamma", List.of(3), 0x5800_0000L, List.of(), List.of()))), List.of());
    }

    @Test
    void everyVmPrintsFromEachOfItsCoresAndTheMachinePowersOff(@TempDir Path dir) throws Exception {
        Qemu.Result r = TestImages.boot(threeVms(), HELLO, dir, 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertTrue(out.contains("shyper: system demo, 3 VMs on 4 cores"), out);
        for (String line : List.of("[alpha] vcpu 0: hello (mpidr 0x80000000, el1)", "[alpha] vcpu 0: 3 timer ticks",
                "[beta] vcpu 0: hello (mpidr 0x80000000, el1)", "[beta] vcpu 1: hello (mpidr 0x80000001, el1)",
                "[beta] vcpu 0: 3 timer ticks", "[beta] vcpu 1: 3 timer ticks", "[beta] all 2 vcpus done",
                "[gamma] vcpu 0: hello (mpidr 0x80000000, el1)", "[gamma] all 1 vcpus done",
                "shyper: vm alpha stopped: SYSTEM_OFF", "shyper: vm beta stopped: SYSTEM_OFF",
                "shyper: vm gamma stopped: SYSTEM_OFF", "shyper: every VM has stopped, powering off (status 0)")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void aStage2FaultStopsOnlyTheFaultingVm(@TempDir Path dir) throws Exception {
        // alpha writes to IPA 0x5400_0000: beta's PA, not in alpha's map. beta and gamma run on after it.
        Plan p = threeVms();
        Plan faulting = TestPlans.plan("demo", List.of(TestPlans.bootargs(p.vm("alpha"), "fault=0x54000000"),
                TestPlans.bootargs(p.vm("beta"), "ticks=20"), TestPlans.bootargs(p.vm("gamma"), "ticks=20")), List.of());
        Qemu.Result r = TestImages.boot(faulting, HELLO, dir, 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        List<String> lines = r.lines();
        assertTrue(out.contains("shyper: vm alpha: stage-2 fault at IPA 0x54000000 (write) pc 0x"), out);
        assertTrue(lines.contains("shyper: vm alpha stopped: stage-2 fault"), out);
        assertFalse(out.contains("[alpha] ERROR"), out);
        int stopped = lines.indexOf("shyper: vm alpha stopped: stage-2 fault");
        assertTrue(lines.indexOf("[beta] all 2 vcpus done") > stopped, "beta must finish after alpha stopped:\n" + out);
        assertTrue(lines.indexOf("[gamma] all 1 vcpus done") > stopped, "gamma must finish after alpha stopped:\n" + out);
        assertTrue(lines.contains("shyper: every VM has stopped, powering off (status 3)"), out);
        assertEquals(3, r.exitCode(), "a VM stopped by a fault makes the run exit 3:\n" + out);
    }

    @Test
    void systemResetRestartsOnlyThatVm(@TempDir Path dir) throws Exception {
        Plan p = threeVms();
        Plan resetting = TestPlans.plan("demo", List.of(TestPlans.bootargs(p.vm("alpha"), "ticks=30"),
                TestPlans.bootargs(p.vm("beta"), "reset=0x43000000"), p.vm("gamma")), List.of());
        Qemu.Result r = TestImages.boot(resetting, HELLO, dir, 60);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        int reset = lines.indexOf("shyper: vm beta restarting (SYSTEM_RESET)");
        assertTrue(reset > lines.indexOf("[beta] asking for SYSTEM_RESET"), out);
        assertTrue(lines.indexOf("[beta] boot 2") > reset, out);
        // Both vCPUs of beta came up again after the reset; the other VMs were not restarted.
        assertEquals(2, lines.stream().filter(l -> l.equals("[beta] vcpu 1: hello (mpidr 0x80000001, el1)")).count(), out);
        assertEquals(1, lines.stream().filter(l -> l.equals("[alpha] vcpu 0: hello (mpidr 0x80000000, el1)")).count(), out);
        assertEquals(1, lines.stream().filter(l -> l.equals("[gamma] vcpu 0: hello (mpidr 0x80000000, el1)")).count(), out);
        assertTrue(lines.contains("[beta] all 2 vcpus done"), out);
        assertFalse(out.contains("ERROR"), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void aVirtioSlotOfAnUnemulatedKindAnswersAsATransportWithoutDevice(@TempDir Path dir) throws Exception {
        Plan p = threeVms();
        VmPlan withVirtio = TestPlans.withVirtio(TestPlans.bootargs(p.vm("alpha"), "virtio=0x0a000200"),
                new VmPlan.Virtio("net", 0x0a00_0200L, 0x200, 48));
        Qemu.Result r = TestImages.boot(TestPlans.plan("demo", List.of(withVirtio, p.vm("beta"), p.vm("gamma")), List.of()),
                HELLO, dir, 60);
        assertTrue(r.lines().contains("[alpha] virtio at 0xa000200: magic 0x74726976 version 2 device 0"), r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void aVirtioConsoleLineQueuedFromTwoVcpusComesOutWhole(@TempDir Path dir) throws Exception {
        // beta's vCPU 0 queues the start of a line on its virtio console, vCPU 1 (another core) the rest and the
        // newline, as Linux's hvc driver may. The line was kept per core: it came out as two, the second part first.
        Plan p = threeVms();
        VmPlan withConsole = TestPlans.withVirtio(TestPlans.bootargs(p.vm("beta"), "vcons=0x0a000200"),
                new VmPlan.Virtio("console", 0x0a00_0200L, 0x200, 48));
        Qemu.Result r = TestImages.boot(TestPlans.plan("demo", List.of(p.vm("alpha"), withConsole, p.vm("gamma")), List.of()),
                HELLO, dir, 60);
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), r.output());
        assertTrue(lines.contains("[beta] virtio: begun on vcpu 0 and ended on vcpu 1"), r.output());
        assertEquals(1, lines.stream().filter(l -> l.contains("on vcpu")).count(), r.output());
        assertTrue(lines.contains("[beta] all 2 vcpus done"), r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void theProductionRuntimeHasNoTestHypercalls(@TempDir Path dir) throws Exception {
        // alpha asks to exit with status 5 through the test hypercall: only the test build has it.
        Plan p = threeVms();
        Plan exiting = TestPlans.plan("demo", List.of(TestPlans.bootargs(p.vm("alpha"), "exit=5"), p.vm("beta"), p.vm("gamma")),
                List.of());
        TestImages.link(exiting, HELLO, RuntimeImages.aarch64Runtime()).write(dir.resolve("production"));
        Qemu.Result production = Qemu.run(dir.resolve("production/shyper.elf"), 60);
        assertTrue(production.lines().contains("shyper: vm alpha stopped: SYSTEM_OFF"), production.output());
        assertEquals(0, production.exitCode(), production.output());
        Qemu.Result test = TestImages.boot(exiting, HELLO, dir.resolve("test"), 60);
        assertTrue(test.lines().contains("shyper: vm alpha stopped: it asked to exit"), test.output());
        assertEquals(5, test.exitCode(), test.output());
    }

    @Test
    void theRelocatedRuntimeRunsAtAnotherLoadAddress(@TempDir Path dir) throws Exception {
        Plan p = threeVms();
        Plan moved = new Plan(p.system(), p.board(), TestPlans.hypervisor(0x4123_4000L), p.vms(), p.shared());
        Qemu.Result r = TestImages.boot(moved, HELLO, dir, 60);
        assertTrue(r.output().contains(" KiB at 0x41234000"), r.output());
        assertTrue(r.lines().contains("[beta] all 2 vcpus done"), r.output());
        assertEquals(0, r.exitCode(), r.output());
    }
}
