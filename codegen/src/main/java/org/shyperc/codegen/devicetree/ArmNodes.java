package org.shyperc.codegen.devicetree;

import static org.shyperc.codegen.devicetree.GuestDeviceTree.GIC_LABEL;
import static org.shyperc.codegen.devicetree.GuestDeviceTree.GIC_PHANDLE;
import static org.shyperc.codegen.devicetree.GuestDeviceTree.IRQ_LEVEL_HIGH;
import static org.shyperc.codegen.devicetree.GuestDeviceTree.irqCells;

import java.util.ArrayList;
import java.util.List;

import org.shyperc.codegen.devicetree.DtValue.Cell;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.VmPlan;

/** The aarch64 parts of a guest tree: vCPUs started by PSCI, the architected timer, the virtual GIC. */
final class ArmNodes {

    private ArmNodes() { }

    static DtNode psci() {
        return new DtBuilder("psci").string("compatible", "arm,psci-1.0", "arm,psci-0.2")
                // The runtime traps a guest SMC (HCR_EL2.TSC) and emulates PSCI behind it.
                .string("method", "smc").build();
    }

    static DtNode cpus(BoardPlan board, VmPlan vm) {
        DtBuilder cpus = new DtBuilder("cpus").cells("#address-cells", 1).cells("#size-cells", 0);
        for (int v = 0; v < vm.cpus().size(); v++) {
            int physical = vm.cpus().get(v);
            String compat = board.cpus().stream().filter(c -> c.index() == physical).map(BoardPlan.CpuPlan::compatible)
                    .findFirst().orElse("arm,armv8");
            // The runtime sets VMPIDR_EL2 Aff0 to the vCPU index, so that is the guest's MPIDR.
            cpus.child(DtBuilder.node("cpu", v).string("device_type", "cpu").string("compatible", compat)
                    .cells("reg", v).string("enable-method", "psci").build());
        }
        return cpus.build();
    }

    static DtNode timer(BoardPlan board, VmPlan vm) {
        boolean v2 = board.interruptController().kind() == InterruptControllerPlan.Kind.GICV2;
        // GICv2 PPI flags carry a CPU mask in bits 8-15; GICv3 has none.
        int cpuMask = v2 ? ((1 << Math.min(vm.cpus().size(), 8)) - 1) << 8 : 0;
        List<Cell> cells = new ArrayList<>();
        for (int intid : board.timerIrqs()) {
            cells.addAll(irqCells(intid, IRQ_LEVEL_HIGH, cpuMask));
        }
        return new DtBuilder("timer").string("compatible", "arm,armv8-timer").cellList("interrupts", cells)
                .flag("always-on").build();
    }

    static DtNode gic(BoardPlan board, VmPlan vm) {
        InterruptControllerPlan ic = board.interruptController();
        VmPlan.VirtualGic g = vm.vgic();
        boolean v3 = ic.kind() == InterruptControllerPlan.Kind.GICV3;
        List<String> compat = !ic.compatible().isEmpty() ? ic.compatible()
                : List.of(v3 ? "arm,gic-v3" : "arm,cortex-a15-gic");
        DtBuilder n = DtBuilder.node("interrupt-controller", g.distributorIpa()).label(GIC_LABEL)
                .strings("compatible", compat).cells("#interrupt-cells", 3).flag("interrupt-controller")
                .cells("#address-cells", 0);
        if (v3) {
            n.reg64(g.distributorIpa(), g.distributorSize(), g.redistributorIpa(), g.redistributorSize());
        } else {
            n.reg64(g.distributorIpa(), g.distributorSize(), g.cpuInterfaceIpa(), g.cpuInterfaceSize());
        }
        return n.cells("phandle", GIC_PHANDLE).build();
    }
}
