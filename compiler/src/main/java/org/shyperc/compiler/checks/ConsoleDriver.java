package org.shyperc.compiler.checks;

import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY1105: the runtime has a driver for the hypervisor's console UART. Every VM's emulated UART is
 * of the same type, so this also covers the VMs' consoles.
 */
public final class ConsoleDriver implements Check {
    @Override
    public Code code() { return Codes.CONSOLE_DRIVER; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel.Hyp h = in.board().hyp();
        BoardModel.Device d = in.board().device(h.console());
        if (d == null || RuntimeLimits.consoleKind(d.compatible()) != 0) return;
        out.report(h.consoleSpan(), "The hypervisor's console `" + d.name() + "` is a `" + d.compatible()
                + "`, which the hypervisor runtime has no driver for.")
                .related(d.span(), "device `" + d.name() + "` is declared here")
                .hint("The runtime prints on, and emulates for each VM, " + RuntimeLimits.CONSOLE_DRIVERS
                        + ": name one of those as the `console`.");
    }
}
