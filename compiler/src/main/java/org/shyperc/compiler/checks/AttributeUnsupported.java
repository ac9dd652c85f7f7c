package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Mappings;

/**
 * SHY1407: the riscv64 runtime maps every region with its kind's memory type and places no blocks on
 * request, so a memory attribute on a riscv64 board is refused rather than silently ignored.
 */
public final class AttributeUnsupported implements Check {
    @Override
    public Code code() { return Codes.ATTRIBUTE_UNSUPPORTED; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (in.board().arch() != BoardPlan.Arch.RISCV64) return;
        for (VmModel vm : in.vms()) {
            for (MapEntry e : vm.map()) {
                Mapping m = e.mapping();
                if (!m.kind().mapped() || m.attributes().equals(Mappings.defaults(m.kind()))) continue;
                out.report(e.span(), capital(e.what()) + " of vm `" + vm.name() + "` has a memory attribute, which the riscv64 "
                                + "runtime does not implement yet.")
                        .hint("Drop `nocache`, `device` or `hugepages` on board `" + in.board().name() + "` (an `on "
                                + in.board().name() + "` block can leave them out there only).");
            }
        }
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
