package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1301: both ends of a doorbell map the shared region it belongs to. */
public final class DoorbellUnmapped implements Check {
    @Override
    public Code code() { return Codes.DOORBELL_UNMAPPED; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (SharedModel s : in.shared()) {
            for (SharedModel.Doorbell d : s.doorbells()) {
                if (s.mapping(d.from()) == null) {
                    out.report(d.fromSpan(), "VM `" + d.from() + "` rings a doorbell of the shared region `" + s.name()
                            + "`, which it does not map.").related(s.span(), "the region is declared here")
                            .hint("Map the region into `" + d.from() + "` (`" + d.from() + " @ IPA rw`), or drop the doorbell.");
                }
                // the two halves of `doorbell A with B` are each other's reverse: each VM is reported once, as a sender
                if (s.mapping(d.to()) == null && !d.bothWays()) {
                    out.report(d.toSpan(), "VM `" + d.to() + "` is rung by a doorbell of the shared region `" + s.name()
                            + "`, which it does not map.").related(s.span(), "the region is declared here")
                            .hint("Map the region into `" + d.to() + "` (`" + d.to() + " @ IPA ro`), or drop the doorbell.");
                }
            }
        }
    }
}
