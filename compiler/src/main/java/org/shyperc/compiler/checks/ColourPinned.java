package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1206: a coloured region pinned with `at pa` starts a period (a page of each colour). */
public final class ColourPinned implements Check {
    @Override
    public Code code() { return Codes.COLOUR_PINNED; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        int n = ColourRange.colours(in.board());
        if (n == 0) return;
        long period = n * org.shyperc.plan.Colouring.PAGE;
        for (VmModel vm : in.vms()) {
            if (vm.colours() == null) continue;
            for (VmModel.Mem m : vm.memory()) {
                if (!m.pinned() || m.pa() % period == 0) continue;
                out.report(m.span(), "The coloured RAM of VM `" + vm.name() + "` is pinned at PA " + Hex.of(m.pa())
                        + ", which does not start a colour period (" + Hex.size(period) + ": a page of each of the board's "
                        + n + " colours).").related(vm.colours().span(), "its colours are given here")
                        .hint("Pin it at a multiple of " + Hex.size(period) + ", such as " + Hex.of(m.pa() / period * period)
                                + ", or drop `at pa`.");
            }
        }
    }
}
