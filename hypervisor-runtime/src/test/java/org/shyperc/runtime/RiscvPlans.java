package org.shyperc.runtime;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.InterruptControllerPlan.Frame;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;

/** Hand-made Plans for QEMU riscv virt (PLIC, 4 harts, 2 GiB from 0x8000_0000), as the compiler would lower them. */
final class RiscvPlans {
    private RiscvPlans() { }

    static final long MIB = 1L << 20;

    static BoardPlan qemuRiscv() {
        List<BoardPlan.CpuPlan> cpus = new ArrayList<>();
        for (int i = 0; i < 4; i++) cpus.add(new BoardPlan.CpuPlan(i, i, "riscv"));
        // OpenSBI keeps 0x8000_0000-0x8020_0000; QEMU -m 2G ends at 0x1_0000_0000.
        return new BoardPlan("qemu-riscv64", BoardPlan.Arch.RISCV64, List.of("riscv-virtio"), "riscv-virtio,qemu", cpus,
                List.of(new BoardPlan.MemoryBank("hyp", 0x8020_0000L, 62 * MIB), new BoardPlan.MemoryBank("dram", 0x8400_0000L, 1984 * MIB)),
                new InterruptControllerPlan(InterruptControllerPlan.Kind.PLIC, null, null, null, null, null,
                        new Frame(0x0c00_0000L, 0x60_0000L), 0, 96, List.of("sifive,plic-1.0.0", "riscv,plic0")),
                List.of(),
                List.of(TestPlans.device("uart0", "ns16550a", 0x1000_0000L, 10), TestPlans.device("rtc", "google,goldfish-rtc", 0x0010_1000L, 11)));
    }

    static HypervisorPlan hypervisor() {
        return new HypervisorPlan(0x8020_0000L, 32 * MIB, 0x8020_0000L, "uart0", 0, 0, 0);
    }

    /** A bare-metal VM: RAM at IPA 0x8000_0000 (64 MiB) backed at {@code pa}, kernel at its start, DTB near its end. */
    static VmPlan vm(int id, String name, List<Integer> cpus, long pa, List<VmPlan.Passthrough> pt, List<VmPlan.SharedWindow> shared) {
        long ipa = 0x8000_0000L;
        return new VmPlan(id, name, VmPlan.Kind.BAREMETAL, false, cpus, List.of(new VmPlan.Region(ipa, pa, 64 * MIB)),
                new VmPlan.Image("guests/" + name + ".bin", ipa, ipa), null, ipa + 63 * MIB, "", pt, List.of(),
                new VmPlan.Console("ns16550a", 0x1000_0000L, 0x1000), new VmPlan.VirtualGic(0, 0, 0, 0, 0, 0), shared);
    }

    static Plan plan(String system, List<VmPlan> vms, List<SharedPlan> shared) {
        return new Plan(system, qemuRiscv(), hypervisor(), vms, shared);
    }

    static Plan threeVms() {
        return plan("demo", List.of(vm(0, "alpha", List.of(0), 0x9000_0000L, List.of(), List.of()),
                vm(1, "beta", List.of(1, 2), 0x9400_0000L, List.of(), List.of()),
                vm(2, "gamma", List.of(3), 0x9800_0000L, List.of(), List.of())), List.of());
    }

    /**
     * The isolation system on riscv64: "attacker" (harts 1 and 2, RAM at GPA 0xa000_0000, a virtio console) beside
     * "victim" (hart 0, owning the goldfish RTC and its PLIC source 11), sharing the page "chan0" and the page
     * "notice" (read-only for the attacker), each with bootargs naming the addresses the guests use.
     */
    static Plan isolation() {
        long chanPa = 0x9c00_0000L, roPa = 0x9c00_1000L;
        VmPlan a = vm(0, "attacker", List.of(1, 2), 0x9400_0000L, List.of(),
                List.of(new VmPlan.SharedWindow("chan0", 0x8800_0000L, chanPa, 0x1000, true),
                        new VmPlan.SharedWindow("notice", 0x8900_0000L, roPa, 0x1000, false)));
        long ipa = 0xa000_0000L;
        VmPlan attacker = new VmPlan(a.id(), a.name(), a.kind(), a.management(), a.cpus(),
                List.of(new VmPlan.Region(ipa, 0x9400_0000L, 64 * MIB)), new VmPlan.Image("guests/attacker.bin", ipa, ipa), null,
                ipa + 63 * MIB, ATTACKER_ARGS, a.passthrough(), List.of(new VmPlan.Virtio("console", 0x4000_1000L, 0x1000, 46)),
                a.console(), a.vgic(), a.sharedWindows());
        VmPlan v = vm(1, "victim", List.of(0), 0x9000_0000L,
                List.of(new VmPlan.Passthrough("rtc", 0x0010_1000L, 0x0010_1000L, 0x1000, List.of(11))),
                List.of(new VmPlan.SharedWindow("chan0", 0x8800_0000L, chanPa, 0x1000, true),
                        new VmPlan.SharedWindow("notice", 0x8900_0000L, roPa, 0x1000, true)));
        VmPlan victim = new VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(),
                v.dtbIpa(), VICTIM_ARGS, v.passthrough(), v.virtio(), v.console(), v.vgic(), v.sharedWindows());
        return plan("isolation", List.of(attacker, victim), List.of(
                new SharedPlan("chan0", chanPa, 0x1000, List.of(new SharedPlan.Mapping("attacker", 0x8800_0000L, true),
                        new SharedPlan.Mapping("victim", 0x8800_0000L, true))),
                new SharedPlan("notice", roPa, 0x1000, List.of(new SharedPlan.Mapping("attacker", 0x8900_0000L, false),
                        new SharedPlan.Mapping("victim", 0x8900_0000L, true)))));
    }

    static final String ATTACKER_ARGS = "shm=0x88000000 victim_ram=0x90000000 hyp=0x80200000 fw=0x80000000 victim_dev=0x101000 "
            + "unassigned=0x10008000 src=0xb table=0xa3000000 ro=0x89000000 own_src=0x2e virtio=0x40001000";
    static final String VICTIM_ARGS = "shm=0x88000000 rtc=0x101000 ro=0x89000000";
}
