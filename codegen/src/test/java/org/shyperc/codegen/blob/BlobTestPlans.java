package org.shyperc.codegen.blob;

import java.util.List;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.InterruptControllerPlan.Frame;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;

/** A small fixed Plan on QEMU virt: two VMs, a passthrough RTC, one shared page. */
public final class BlobTestPlans {
    private BlobTestPlans() { }

    public static Plan twoVms(long loadAddress) {
        BoardPlan board = new BoardPlan("qemu-virt", BoardPlan.Arch.AARCH64, List.of("linux,dummy-virt"), "QEMU",
                List.of(new BoardPlan.CpuPlan(0, 0, "arm,cortex-a57"), new BoardPlan.CpuPlan(1, 1, "arm,cortex-a57"),
                        new BoardPlan.CpuPlan(2, 2, "arm,cortex-a57"), new BoardPlan.CpuPlan(3, 3, "arm,cortex-a57")),
                List.of(new BoardPlan.MemoryBank("dram", 0x4000_0000L, 0x8000_0000L)),
                new InterruptControllerPlan(InterruptControllerPlan.Kind.GICV2, new Frame(0x0800_0000L, 0x10000),
                        new Frame(0x0801_0000L, 0x10000), new Frame(0x0803_0000L, 0x10000), new Frame(0x0804_0000L, 0x10000),
                        null, null, 25, 288, List.of("arm,cortex-a15-gic")),
                List.of(29, 30, 27, 26),
                List.of(new DevicePlan("uart0", "arm,pl011", 0x0900_0000L, 0x1000, List.of(33), null, false, null, -1, List.of()),
                        new DevicePlan("rtc", "arm,pl031", 0x0901_0000L, 0x1000, List.of(34), null, false, null, -1, List.of())));
        VmPlan.VirtualGic vgic = new VmPlan.VirtualGic(0x0800_0000L, 0x10000, 0x0801_0000L, 0x2000, 0, 0);
        VmPlan.Console con = new VmPlan.Console("arm,pl011", 0x0900_0000L, 0x1000);
        VmPlan a = new VmPlan(0, "mvm", VmPlan.Kind.LINUX, true, List.of(0, 1),
                List.of(new VmPlan.Region(0x8000_0000L, 0x5000_0000L, 0x1000_0000L)),
                new VmPlan.Image("Image", 0x8008_0000L, 0x8008_0000L), new VmPlan.Image("initrd", 0x8400_0000L, 0x8400_0000L),
                0x8300_0000L, "console=ttyAMA0", List.of(), List.of(), con, vgic,
                List.of(new VmPlan.SharedWindow("chan", 0xc000_0000L, 0x7000_0000L, 0x1000, true)));
        VmPlan b = new VmPlan(1, "rt", VmPlan.Kind.BAREMETAL, false, List.of(3),
                List.of(new VmPlan.Region(0x0L, 0x6000_0000L, 0x400_0000L)),
                new VmPlan.Image("rt.bin", 0x0L, 0x0L), null, 0x3f0_0000L, "",
                List.of(new VmPlan.Passthrough("rtc", 0x0901_0000L, 0x0901_0000L, 0x1000, List.of(34))),
                List.of(), con, vgic, List.of(new VmPlan.SharedWindow("chan", 0x1000_0000L, 0x7000_0000L, 0x1000, false)));
        return new Plan("demo", board, new HypervisorPlan(0x4000_0000L, 0x800_0000L, loadAddress, "uart0", 26, 1, 64),
                List.of(a, b), List.of(new SharedPlan("chan", 0x7000_0000L, 0x1000,
                        List.of(new SharedPlan.Mapping("mvm", 0xc000_0000L, true), new SharedPlan.Mapping("rt", 0x1000_0000L, false)))));
    }
}
