package org.shyperc.compiler.checks;

import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1104: the board's interrupt controller is one the runtime drives (GICv2, GICv3). */
public final class InterruptController implements Check {
    @Override
    public Code code() { return Codes.INTERRUPT_CONTROLLER; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel b = in.board();
        int version = switch (b.intc().kind()) {
            case GICV2 -> 2;
            case GICV3 -> 3;
            case PLIC -> 0;
        };
        boolean riscv = b.arch() == org.shyperc.plan.BoardPlan.Arch.RISCV64;
        if (riscv ? version == 0 : RuntimeLimits.GIC_VERSIONS.contains(version)) return;
        out.report(b.intc().span(), "Board `" + b.name() + "` is " + (riscv ? "a riscv64" : "an aarch64") + " board with a "
                + b.intc().kind().name() + "; the hypervisor runtime drives only " + (riscv ? "a PLIC there." : "GICv2 and GICv3 there."))
                .related(in.systemSpan(), "system `" + in.system() + "` is built for it here")
                .hint(riscv ? "Describe the board's PLIC with a `plic { ... }` block."
                        : "Describe the board's GIC with a `gic v2 { ... }` or `gic v3 { ... }` block.");
    }
}
