package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1305: the riscv64 runtime has no doorbells yet; refused rather than built without them. */
public final class DoorbellRiscv implements Check {
    @Override
    public Code code() { return Codes.DOORBELL_RISCV; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (Irqs.isGic(in.board())) return;
        SharedModel.Doorbell last = null;
        for (SharedModel s : in.shared()) {
            for (SharedModel.Doorbell d : s.doorbells()) {
                boolean secondHalf = last != null && last.bothWays() && last.span().equals(d.span());
                last = d;
                if (secondHalf) continue;
                out.report(d.span(), "The doorbell from `" + d.from() + "` to `" + d.to() + "` cannot be built for "
                        + in.label() + ": the riscv64 runtime has no doorbells yet.")
                        .related(in.board().span(), "the board is riscv64")
                        .hint("Poll a flag in the shared region `" + s.name() + "` instead, or bind the system to an aarch64 board.");
            }
        }
    }
}
