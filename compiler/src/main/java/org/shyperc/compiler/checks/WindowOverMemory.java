package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0506: a passthrough window holds no DRAM (other VMs' RAM, the hypervisor's reservation). */
public final class WindowOverMemory implements Check {
    @Override
    public Code code() { return Codes.WINDOW_OVER_MEMORY; }

    @Override
    public java.util.List<Code> prerequisites() { return java.util.List.of(Codes.ADDRESS_OVERFLOW, Codes.ZERO_SIZE); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel board = in.board();
        for (VmModel vm : in.vms()) {
            for (VmModel.Window w : vm.windows()) {
                long end = Addr.end(w.pa(), w.size());
                for (BoardModel.Bank b : board.dram()) {
                    if (!Addr.intersects(w.pa(), end, b.base(), b.end())) continue;
                    boolean hyp = Addr.intersects(w.pa(), end, board.hyp().reserveBase(), board.hyp().reserveEnd());
                    out.report(w.span(), "The passthrough window of vm `" + vm.name() + "` (" + Addr.range(w.pa(), w.size())
                            + ") covers DRAM bank `" + b.name() + "`" + (hyp ? ", and the hypervisor's reservation in it" : "")
                            + ".")
                            .related(b.span(), "the bank is declared here")
                            .hint("Give RAM with `memory @ IPA size S` and share it with a `shared` region; end the window "
                                    + "before " + org.shyperc.compiler.layout.Hex.of(b.base()) + ".");
                    break;
                }
            }
        }
    }
}
