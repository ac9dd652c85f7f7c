package org.shyperc.codegen.devicetree;

import java.util.ArrayList;
import java.util.List;

import org.shyperc.codegen.devicetree.DtValue.Cell;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.VmPlan;

/**
 * The riscv64 parts of a guest tree: harts with their local interrupt controllers and the
 * PLIC routing supervisor external interrupts to them. No PSCI (SBI instead), no GIC.
 */
final class RiscvNodes {

    /** QEMU riscv virt's timebase; the Plan does not carry the board's. */
    static final long TIMEBASE_HZ = 10_000_000L;
    /** Supervisor external interrupt, the cause the PLIC raises at a hart in S (guest VS) mode. */
    static final int S_EXTERNAL = 9;
    /** Phandles 1 and 2 are the interrupt controller and the clock; hart controllers follow. */
    static final int FIRST_HART_PHANDLE = 3;

    private RiscvNodes() { }

    static DtNode cpus(VmPlan vm) {
        DtBuilder cpus = new DtBuilder("cpus").cells("#address-cells", 1).cells("#size-cells", 0)
                .cells("timebase-frequency", TIMEBASE_HZ);
        for (int v = 0; v < vm.cpus().size(); v++) {
            DtNode intc = new DtBuilder("interrupt-controller").label(hartLabel(v)).string("compatible", "riscv,cpu-intc")
                    .cells("#interrupt-cells", 1).flag("interrupt-controller").cells("#address-cells", 0)
                    .cells("phandle", FIRST_HART_PHANDLE + v).build();
            cpus.child(DtBuilder.node("cpu", v).string("device_type", "cpu").cells("reg", v)
                    .string("compatible", "riscv").string("riscv,isa", "rv64imafdc").string("mmu-type", "riscv,sv39")
                    .string("status", "okay").child(intc).build());
        }
        return cpus.build();
    }

    static DtNode plic(BoardPlan board, VmPlan vm) {
        InterruptControllerPlan ic = board.interruptController();
        // The Plan's VirtualGic is empty on a PLIC board; the guest sees its PLIC at the board's address.
        long base = vm.vgic().distributorSize() > 0 ? vm.vgic().distributorIpa() : ic.plic().base();
        long size = vm.vgic().distributorSize() > 0 ? vm.vgic().distributorSize() : ic.plic().size();
        List<Cell> targets = new ArrayList<>();
        for (int v = 0; v < vm.cpus().size(); v++) {
            targets.add(new Cell(FIRST_HART_PHANDLE + v, hartLabel(v)));
            targets.add(Cell.of(S_EXTERNAL));
        }
        List<String> compat = ic.compatible().isEmpty() ? List.of("sifive,plic-1.0.0", "riscv,plic0") : ic.compatible();
        return DtBuilder.node("plic", base).label(GuestDeviceTree.PLIC_LABEL).strings("compatible", compat)
                .reg64(base, size).cells("#interrupt-cells", 1).flag("interrupt-controller").cells("#address-cells", 0)
                .cells("riscv,ndev", Math.max(ic.lines() - 1, 1)).cellList("interrupts-extended", targets)
                .cells("phandle", GuestDeviceTree.GIC_PHANDLE).build();
    }

    static String hartLabel(int v) {
        return "cpu" + v + "_intc";
    }
}
