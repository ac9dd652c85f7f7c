package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1303: `A to B irq N` and `B to A irq N` in one region are written as `A with B irq N`. */
public final class DoorbellBothWays implements Check {
    @Override
    public Code code() { return Codes.DOORBELL_BOTH_WAYS; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (SharedModel s : in.shared()) {
            List<SharedModel.Doorbell> bells = s.doorbells();
            for (int j = 0; j < bells.size(); j++) {
                SharedModel.Doorbell d = bells.get(j);
                if (d.bothWays()) continue;
                for (int i = 0; i < j; i++) {
                    SharedModel.Doorbell e = bells.get(i);
                    if (e.bothWays() || !e.from().equals(d.to()) || !e.to().equals(d.from()) || e.irq() != d.irq()) continue;
                    out.report(d.span(), "The doorbells of the shared region `" + s.name() + "` ring `" + d.from()
                            + "` and `" + d.to() + "` both ways on interrupt " + d.irq() + ", in two lines.")
                            .related(e.span(), "the other way is declared here")
                            .hint("Write `doorbell " + e.from() + " with " + e.to() + " irq " + d.irq()
                                    + "` once if both ways are meant, or give this one another interrupt.");
                    break;
                }
            }
        }
    }
}
