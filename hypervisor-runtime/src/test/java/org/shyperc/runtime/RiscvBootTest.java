package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** The riscv64 runtime on QEMU riscv virt (H extension, OpenSBI): bare-metal VMs, each on its own harts. */
class RiscvBootTest {

    static final Map<String, String> HELLO = Map.of("alpha", "hello", "beta", "hello", "gamma", "hello");

    static ImageLinker.LinkedImage link(Plan plan, Map<String, String> guests, byte[] runtime) {
        return link(plan, guests, runtime, 0);
    }

    /** @param blobFlags the blob header's {@code BlobLayout.FLAG_*} bits */
    static ImageLinker.LinkedImage link(Plan plan, Map<String, String> guests, byte[] runtime, int blobFlags) {
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        for (VmPlan vm : plan.vms()) {
            payloads.put(vm.name(), new ImageLinker.GuestPayloads(RuntimeImages.riscv64Guest(guests.get(vm.name())),
                    TestImages.dtb(plan, vm), null));
        }
        return ImageLinker.link(plan, runtime, payloads, blobFlags);
    }

    static Qemu.Result boot(Plan plan, Map<String, String> guests, Path dir, int timeoutSeconds) throws Exception {
        link(plan, guests, RuntimeImages.riscv64TestRuntime()).write(dir);
        return Qemu.run(Qemu.riscvCommand(dir.resolve("shyper.elf")), timeoutSeconds);
    }

    @Test
    void everyVmPrintsFromEachOfItsHartsAndTheMachinePowersOff(@TempDir Path dir) throws Exception {
        Qemu.Result r = boot(RiscvPlans.threeVms(), HELLO, dir, 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertTrue(out.contains("shyper: system demo, 3 VMs on 4 harts"), out);
        for (String line : List.of("[alpha] vcpu 0: hello (hart 0, s-mode)", "[alpha] vcpu 0: 3 timer ticks",
                "[beta] vcpu 0: hello (hart 0, s-mode)", "[beta] vcpu 1: hello (hart 1, s-mode)",
                "[beta] vcpu 0: 3 timer ticks", "[beta] vcpu 1: 3 timer ticks", "[beta] all 2 vcpus done",
                "[gamma] vcpu 0: hello (hart 0, s-mode)", "[gamma] all 1 vcpus done",
                "shyper: vm alpha stopped: SBI system shutdown", "shyper: vm beta stopped: SBI system shutdown",
                "shyper: vm gamma stopped: SBI system shutdown", "shyper: every VM has stopped, powering off (status 0)")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        assertEquals(0, r.exitCode(), out);
    }

    static VmPlan args(VmPlan v, String bootargs) {
        return new VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(),
                v.dtbIpa(), bootargs, v.passthrough(), v.virtio(), v.console(), v.vgic(), v.sharedWindows());
    }

    @Test
    void aGuestPageFaultStopsOnlyTheFaultingVm(@TempDir Path dir) throws Exception {
        // alpha writes to GPA 0x9400_0000: beta's PA, not in alpha's G-stage table. beta and gamma run on.
        Plan p = RiscvPlans.threeVms();
        Plan faulting = RiscvPlans.plan("demo", List.of(args(p.vm("alpha"), "fault=0x94000000"), args(p.vm("beta"), "ticks=20"),
                args(p.vm("gamma"), "ticks=20")), List.of());
        Qemu.Result r = boot(faulting, HELLO, dir, 60);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        assertTrue(out.contains("shyper: vm alpha: guest-page fault at GPA 0x94000000 (write) pc 0x"), out);
        int stopped = lines.indexOf("shyper: vm alpha stopped: guest-page fault");
        assertTrue(stopped >= 0, out);
        assertFalse(out.contains("[alpha] ERROR"), out);
        assertTrue(lines.indexOf("[beta] all 2 vcpus done") > stopped, "beta must finish after alpha stopped:\n" + out);
        assertTrue(lines.indexOf("[gamma] all 1 vcpus done") > stopped, "gamma must finish after alpha stopped:\n" + out);
        assertEquals(3, r.exitCode(), "a VM stopped by a fault makes the run exit 3:\n" + out);
    }

    @Test
    void anSbiRebootRestartsOnlyThatVm(@TempDir Path dir) throws Exception {
        Plan p = RiscvPlans.threeVms();
        Plan resetting = RiscvPlans.plan("demo", List.of(args(p.vm("alpha"), "ticks=30"), args(p.vm("beta"), "reset=0x83000000"),
                p.vm("gamma")), List.of());
        Qemu.Result r = boot(resetting, HELLO, dir, 60);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        int reset = lines.indexOf("shyper: vm beta restarting (SBI system reset)");
        assertTrue(reset > lines.indexOf("[beta] asking for SYSTEM_RESET"), out);
        assertTrue(lines.indexOf("[beta] boot 2") > reset, out);
        assertEquals(2, lines.stream().filter(l -> l.equals("[beta] vcpu 1: hello (hart 1, s-mode)")).count(), out);
        assertEquals(1, lines.stream().filter(l -> l.equals("[alpha] vcpu 0: hello (hart 0, s-mode)")).count(), out);
        assertTrue(lines.contains("[beta] all 2 vcpus done"), out);
        assertFalse(out.contains("ERROR"), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void aVmWhoseHartsHaveAllStoppedHasStopped(@TempDir Path dir) throws Exception {
        // beta's two vCPUs both end with SBI HSM hart_stop: none is left to start the other, so beta has stopped
        Plan p = RiscvPlans.threeVms();
        Plan stopping = RiscvPlans.plan("demo", List.of(p.vm("alpha"), args(p.vm("beta"), "off=1"), p.vm("gamma")), List.of());
        Qemu.Result r = boot(stopping, HELLO, dir, 60);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);             // it used to count as running: the machine never powered off
        int stop = lines.indexOf("shyper: vm beta stopped: hart_stop of its last vCPU");
        assertTrue(stop > lines.indexOf("[beta] vcpu 0: CPU_OFF, the last vcpu on"), out);
        assertTrue(lines.contains("shyper: every VM has stopped, powering off (status 0)"), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void aVcpusUnfinishedLineIsPrintedBeforeItsVmStops(@TempDir Path dir) throws Exception {
        // beta's vCPU 1 leaves a line without its newline and stays in its guest; vCPU 0 shuts the VM down. The line was
        // printed when vCPU 1 left the guest, after the stop, or not at all when the machine powered off first.
        Plan p = RiscvPlans.threeVms();
        Plan tail = RiscvPlans.plan("demo", List.of(p.vm("alpha"), args(p.vm("beta"), "tail=1"), p.vm("gamma")), List.of());
        Qemu.Result r = boot(tail, HELLO, dir, 60);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        int line = lines.indexOf("[beta] vcpu 1: a line without its end");
        assertTrue(line >= 0 && line < lines.indexOf("shyper: vm beta stopped: SBI system shutdown"), out);
        assertEquals(1, lines.stream().filter(l -> l.contains("a line without its end")).count(), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void theProductionRuntimeHasNoTestExtension(@TempDir Path dir) throws Exception {
        Plan p = RiscvPlans.threeVms();
        Plan exiting = RiscvPlans.plan("demo", List.of(args(p.vm("alpha"), "exit=5"), p.vm("beta"), p.vm("gamma")), List.of());
        link(exiting, HELLO, RuntimeImages.riscv64Runtime()).write(dir.resolve("production"));
        Qemu.Result production = Qemu.run(Qemu.riscvCommand(dir.resolve("production/shyper.elf")), 60);
        assertTrue(production.lines().contains("shyper: vm alpha stopped: SBI system shutdown"), production.output());
        assertEquals(0, production.exitCode(), production.output());
        Qemu.Result test = boot(exiting, HELLO, dir.resolve("test"), 60);
        assertTrue(test.lines().contains("shyper: vm alpha stopped: it asked to exit"), test.output());
        assertEquals(5, test.exitCode(), test.output());
    }

    @Test
    void aBlobThatMapsAnotherVmsRamIsRefused(@TempDir Path dir) throws Exception {
        // beta's RAM moved onto alpha's: the CRC is right, the isolation is not.
        Plan p = RiscvPlans.threeVms();
        VmPlan b = p.vm("beta");
        VmPlan onAlpha = new VmPlan(b.id(), b.name(), b.kind(), b.management(), b.cpus(),
                List.of(new VmPlan.Region(0x8000_0000L, 0x9000_0000L, 64 * RiscvPlans.MIB)), b.kernel(), b.initrd(), b.dtbIpa(),
                b.bootargs(), b.passthrough(), b.virtio(), b.console(), b.vgic(), b.sharedWindows());
        Qemu.Result r = boot(RiscvPlans.plan("demo", List.of(p.vm("alpha"), onAlpha, p.vm("gamma")), List.of()), HELLO, dir, 60);
        assertTrue(r.output().contains("shyper: config blob refused: vm 1 region 0 (RAM) PA [0x90000000, 0x94000000) overlaps "
                + "vm 0 region 0 (RAM) PA [0x90000000, 0x94000000)"), r.output());
        assertFalse(r.output().contains("[alpha]"), r.output());
        assertEquals(2, r.exitCode(), r.output());
    }

    @Test
    void timeToFirstOutputBesideTheSameGuestWithoutHypervisor(@TempDir Path dir) throws Exception {
        Qemu.Result hv = boot(RiscvPlans.threeVms(), HELLO, dir, 60);
        assertEquals(0, hv.exitCode(), hv.output());
        Path hello = dir.resolve("hello.bin");
        java.nio.file.Files.write(hello, RuntimeImages.riscv64Guest("hello"));
        // The same guest straight on QEMU under OpenSBI, in S-mode: its SBI calls go to OpenSBI. One hart:
        // OpenSBI enters the guest on whichever hart wins its boot lottery, and the guest takes the hart
        // it starts on for vCPU 0 only when that is hart 0 (under the hypervisor it always is).
        Qemu.Result direct = Qemu.run(List.of("qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64", "-nic", "none", "-smp", "1",
                "-m", "2G", "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-bios", "default",
                "-kernel", hello.toString()), 60);
        assertTrue(direct.lines().contains("all 1 vcpus done"), direct.output());
        assertEquals(0, direct.exitCode(), direct.output());
        long hyp = hv.firstMillis("shyper: system");
        long a = hv.firstMillis("[alpha]"), b = hv.firstMillis("[beta]"), g = hv.firstMillis("[gamma]");
        long d = direct.firstMillis("vcpu 0: hello");
        System.out.printf("MEASURE riscv64 first output after QEMU start: hypervisor %d ms, alpha %d ms, beta %d ms, gamma %d ms;"
                + " same guest without hypervisor %d ms; whole run %d ms vs %d ms%n", hyp, a, b, g, d, hv.millis(), direct.millis());
        assertTrue(a > 0 && b > 0 && g > 0 && d > 0);
        assertTrue(Math.max(a, Math.max(b, g)) < 10_000);
    }

    @Test
    void trappedMmioReadsPerSecond(@TempDir Path dir) throws Exception {
        Plan p = RiscvPlans.threeVms();
        Plan bench = RiscvPlans.plan("demo", List.of(args(p.vm("alpha"), "bench=0x40000"), p.vm("beta"), p.vm("gamma")), List.of());
        Qemu.Result r = boot(bench, HELLO, dir, 60);
        java.util.regex.Matcher m = r.lines().stream()
                .map(java.util.regex.Pattern.compile("\\[alpha] bench: 262144 trapped MMIO reads in (\\d+) us = (\\d+) traps/s")::matcher)
                .filter(java.util.regex.Matcher::matches).findFirst().orElseThrow(() -> new AssertionError(r.output()));
        long perSecond = Long.parseLong(m.group(2));
        System.out.printf("MEASURE riscv64 trapped MMIO read (emulated PLIC priority) %d traps/s, %.2f us each%n", perSecond,
                Long.parseLong(m.group(1)) / 262144.0);
        assertTrue(perSecond > 10_000, m.group());
        assertEquals(0, r.exitCode(), r.output());
    }

    /* QEMU 7.2 loses a guest timer interrupt that becomes due while the hypervisor handles a trap on that hart: the
     * guest runs on with its timer pending and never takes it until its next trap (a Linux VM hung so at boot). alpha
     * meets 8192 deadlines, each inside a burst of traps, and waits for every interrupt without trapping. */
    @Test
    void aTimerInterruptThatFiresDuringATrapIsNeverLost(@TempDir Path dir) throws Exception {
        Plan p = RiscvPlans.threeVms();
        Plan plan = RiscvPlans.plan("demo", List.of(args(p.vm("alpha"), "race=0x2000"), p.vm("beta"), p.vm("gamma")), List.of());
        Qemu.Result r = boot(plan, HELLO, dir, 240);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        String race = r.lines().stream().filter(l -> l.startsWith("[alpha] race: ")).findFirst().orElseThrow(() -> new AssertionError(out));
        System.out.println("MEASURE riscv64 " + race.substring("[alpha] ".length()));
        assertTrue(race.startsWith("[alpha] race: 0 of 8192 timer interrupts lost, "), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void runtimeSize() {
        org.shyperc.codegen.image.Elf64 elf = org.shyperc.codegen.image.Elf64.parse(RuntimeImages.riscv64Runtime());
        long file = 0, mem = 0;
        for (org.shyperc.codegen.image.Elf64.Segment s : elf.segments()) {
            if (s.type() == org.shyperc.codegen.image.Elf64.PT_LOAD) { file += s.filesz(); mem += s.memsz(); }
        }
        System.out.printf("MEASURE riscv64 runtime code+data %d bytes, with bss %d bytes%n", file, mem);
        assertTrue(file < 64 * 1024, "code+data " + file);
    }

    @Test
    void withoutSstcTheGuestsTimerGoesThroughTheHypervisorsSbiTimer(@TempDir Path dir) throws Exception {
        link(RiscvPlans.threeVms(), HELLO, RuntimeImages.riscv64TestRuntime()).write(dir);
        List<String> cmd = new java.util.ArrayList<>(Qemu.riscvCommand(dir.resolve("shyper.elf")));
        cmd.set(cmd.indexOf("rv64"), "rv64,sstc=off");
        Qemu.Result r = Qemu.run(cmd, 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertTrue(out.contains("(riscv64, timer through SBI)"), out);
        for (String line : List.of("[alpha] vcpu 0: 3 timer ticks", "[beta] vcpu 1: 3 timer ticks", "[gamma] all 1 vcpus done")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        assertEquals(0, r.exitCode(), out);
    }
}
