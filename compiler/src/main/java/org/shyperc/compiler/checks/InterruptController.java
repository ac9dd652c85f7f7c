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
        if (RuntimeLimits.GIC_VERSIONS.contains(version)) return;
        out.report(b.intc().span(), "Board `" + b.name() + "` is an " + RuntimeLimits.ARCH + " board with a "
                + b.intc().kind().name() + "; the hypervisor runtime drives only GICv2 and GICv3.")
                .related(in.systemSpan(), "system `" + in.system() + "` is built for it here")
                .hint("Describe the board's GIC with a `gic v2 { ... }` or `gic v3 { ... }` block.");
    }
}
