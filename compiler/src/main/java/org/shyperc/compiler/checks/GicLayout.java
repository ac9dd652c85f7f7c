package org.shyperc.compiler.checks;

import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.InterruptControllerPlan;

/**
 * SHY1108: the board's GIC is one the runtime can drive and emulate: each frame page aligned and at
 * least as large as its registers (a GICv3's redistributors one 128 KiB frame per core of the
 * board), and at least 32 interrupt lines.
 */
public final class GicLayout implements Check {
    @Override
    public Code code() { return Codes.GIC_LAYOUT; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel b = in.board();
        BoardModel.Intc ic = b.intc();
        if (ic.kind() == InterruptControllerPlan.Kind.PLIC) {
            if (b.arch() == org.shyperc.plan.BoardPlan.Arch.RISCV64) plic(in, out); // on aarch64, SHY1104's
            return;
        }
        boolean v3 = ic.kind() == InterruptControllerPlan.Kind.GICV3;
        if (ic.lines() < RuntimeLimits.FIRST_SPI) {
            out.report(ic.span(), "The GIC of board `" + b.name() + "` has " + ic.lines() + " interrupt lines; a GIC has "
                    + RuntimeLimits.FIRST_SPI + " to " + RuntimeLimits.MAX_GIC_LINES + ".")
                    .hint("`lines` is GICD_TYPER.ITLinesNumber + 1 times 32; leave it out for 1020.");
        }
        test(in, out, ic.distributor(), v3 ? RuntimeLimits.GICD_V3_MIN : RuntimeLimits.GICD_V2_MIN);
        test(in, out, ic.cpuInterface(), RuntimeLimits.GICC_MIN);
        test(in, out, ic.hypInterface(), RuntimeLimits.GICH_MIN);
        test(in, out, ic.virtualCpuInterface(), RuntimeLimits.GICV_MIN);
        test(in, out, ic.redistributor(), RuntimeLimits.GICR_FRAME * b.cores().size());
    }

    /** The riscv64 runtime's PLIC: its sources, the harts its contexts reach, and a frame that holds them. */
    private static void plic(Instance in, Reporter out) {
        BoardModel b = in.board();
        BoardModel.Intc ic = b.intc();
        if (ic.lines() < RuntimeLimits.PLIC_MIN_SOURCES || ic.lines() > RuntimeLimits.PLIC_MAX_SOURCES) {
            out.report(ic.span(), "The PLIC of board `" + b.name() + "` has " + ic.lines() + " sources; a PLIC has "
                    + RuntimeLimits.PLIC_MIN_SOURCES + " to " + RuntimeLimits.PLIC_MAX_SOURCES + " (source 0 included).")
                    .related(in.systemSpan(), "system `" + in.system() + "` is built for it here")
                    .hint("`lines` is the PLIC's `riscv,ndev` plus one.");
        }
        long top = 0;
        for (BoardModel.Core c : b.cores()) {
            if (Long.compareUnsigned(c.mpidr(), RuntimeLimits.PLIC_MAX_HART) > 0) {
                out.report(c.span(), "Core " + c.index() + " of board `" + b.name() + "` is hart " + Long.toUnsignedString(c.mpidr())
                        + "; the hypervisor runtime's PLIC contexts reach harts 0 to " + RuntimeLimits.PLIC_MAX_HART + ".")
                        .related(in.systemSpan(), "system `" + in.system() + "` is built for it here")
                        .hint("Give the cores' hart IDs as the board's device tree states them (`reg` of each cpu node).");
                return;
            }
            top = Math.max(top, c.mpidr() + 1);
        }
        test(in, out, ic.plic(), RuntimeLimits.PLIC_CONTEXTS + RuntimeLimits.PLIC_CONTEXT * 2 * top);
    }

    private static void test(Instance in, Reporter out, BoardModel.Frame f, long least) {
        if (f == null || out.skips(f.span())) return;
        boolean aligned = Addr.aligned(f.base());
        if (aligned && Long.compareUnsigned(f.size(), least) >= 0) return;
        String name = f.name().replace('-', ' ');
        out.report(f.span(), (f.name().equals("plic") ? "The PLIC" : "The GIC " + name) + " of board `" + in.board().name() + "` (" + Addr.range(f.base(), f.size()) + ") "
                + (aligned ? "is smaller than the " + Hex.size(least) + " the hypervisor runtime needs."
                        : "does not start on a 4 KiB page."))
                .related(in.systemSpan(), "system `" + in.system() + "` is built for it here")
                .hint(f.name().equals("redistributor")
                        ? "The runtime needs one 128 KiB redistributor frame per core of the board (" + in.board().cores().size() + ")."
                        : "Give the frame's base and size as the board's device tree states them.");
    }
}
