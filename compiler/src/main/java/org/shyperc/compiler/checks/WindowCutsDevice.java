package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0507: every device a passthrough window touches lies wholly inside it. */
public final class WindowCutsDevice implements Check {
    @Override
    public Code code() { return Codes.WINDOW_CUTS_DEVICE; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            for (VmModel.Pt p : vm.passthrough()) {
                VmModel.Window w = p.window();
                if (w == null) continue;
                BoardModel.Device d = p.device();
                if (Addr.within(d.base(), Addr.end(d.base(), d.size()), w.pa(), Addr.end(w.pa(), w.size()))) continue;
                out.report(w.span(), "The passthrough window of vm `" + vm.name() + "` (" + Addr.range(w.pa(), w.size())
                        + ") covers only part of device `" + d.name() + "` (" + Addr.range(d.base(), d.size()) + ").")
                        .related(d.span(), "the device is declared here")
                        .hint("Widen the window to the whole device, or end it before the device.");
            }
        }
    }
}
