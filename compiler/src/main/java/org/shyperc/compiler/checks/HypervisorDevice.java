package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0503: the hypervisor's console and the interrupt controller's frames are never passed through. */
public final class HypervisorDevice implements Check {
    @Override
    public Code code() { return Codes.HYPERVISOR_DEVICE; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel board = in.board();
        // the device itself, not its name: a name compare reads each passed-through device's name text, 100k of them
        // scattered over the heap in a large system, and was most of this check's time
        BoardModel.Device console = board.device(board.hyp().console());
        Instance.ConsoleOwner owner = in.consoleOwner();
        List<BoardModel.Frame> frames = board.intc().frames();
        for (VmModel vm : in.vms()) {
            for (VmModel.Window w : vm.windows()) {
                for (BoardModel.Frame f : frames) {
                    if (!Addr.intersects(w.pa(), Addr.end(w.pa(), w.size()), f.base(), Addr.end(f.base(), f.size()))) continue;
                    out.report(w.span(), "The passthrough window of vm `" + vm.name() + "` covers the interrupt controller's "
                            + f.name() + ", which the hypervisor keeps.")
                            .related(f.span(), "the " + f.name() + " is declared here")
                            .hint("Split the window around it: the VM gets a virtual interrupt controller.");
                    break;
                }
            }
            for (VmModel.Pt p : vm.passthrough()) {
                BoardModel.Device d = p.device();
                if (d == console) {
                    // handed to a VM (`console to`): that VM owns it, and SHY0501 names any other that takes it
                    if (owner != null) continue;
                    String how = p.window() == null ? "" : " (the passthrough window covers it)";
                    out.report(p.span(), "Device `" + d.name() + "` is the hypervisor's console and cannot be passed "
                            + "through to vm `" + vm.name() + "`" + how + ".")
                            .related(board.hyp().consoleSpan(), "the hypervisor's console is chosen here")
                            .hint("Every VM already has an emulated console (`console @ IPA`) whose output the hypervisor "
                                    + "prints with the VM's name. To give the UART itself to this VM, write `console to "
                                    + vm.name() + "` in the system: the hypervisor then shares it with the VM, as Rust-Shyper does, and `build` "
                                    + "writes no shyper image, whose runtime keeps the UART (SHY1110).");
                    continue;
                }
                if (p.window() != null) continue; // a window over the controller is reported once, above
                long end = Addr.end(d.base(), d.size());
                for (BoardModel.Frame f : frames) {
                    if (!Addr.intersects(d.base(), end, f.base(), Addr.end(f.base(), f.size()))) continue;
                    out.report(p.span(), "Device `" + d.name() + "` covers the interrupt controller's " + f.name()
                            + ", which the hypervisor keeps; it cannot be passed through to vm `" + vm.name() + "`.")
                            .related(f.span(), "the " + f.name() + " is declared here")
                            .hint("The VM gets a virtual interrupt controller; drop this passthrough.");
                    break;
                }
            }
        }
    }
}
