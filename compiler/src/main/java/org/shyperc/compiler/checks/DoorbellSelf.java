package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1306: a doorbell connects two different VMs. */
public final class DoorbellSelf implements Check {
    @Override
    public Code code() { return Codes.DOORBELL_SELF; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (SharedModel s : in.shared()) {
            SharedModel.Doorbell last = null;
            for (SharedModel.Doorbell d : s.doorbells()) {
                boolean secondHalf = last != null && last.bothWays() && last.span().equals(d.span());
                last = d;
                if (!d.from().equals(d.to()) || secondHalf) continue;
                out.report(d.toSpan(), "The doorbell of VM `" + d.from() + "` in the shared region `" + s.name()
                        + "` rings `" + d.from() + "` itself.")
                        .hint("Name another VM that maps `" + s.name() + "`; a VM interrupts itself with an SGI.");
            }
        }
    }
}
