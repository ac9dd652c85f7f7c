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
}
