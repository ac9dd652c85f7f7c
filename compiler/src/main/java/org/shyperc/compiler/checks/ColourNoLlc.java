package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;

/** SHY1201: colours (a VM's or the hypervisor's) on an aarch64 board whose `hypervisor` block states no last-level cache. */
public final class ColourNoLlc implements Check {
    @Override
    public Code code() { return Codes.COLOUR_NO_LLC; }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        if (!applies(board) || board.hyp().colours().isEmpty()) return;
        out.report(board.hyp().colours().get(0).span(), "The hypervisor's colours are given, but board `" + board.name()
                + "` does not describe its last-level cache.").hint(HINT);
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel board = in.board();
        if (!applies(board)) return;
        for (VmModel vm : in.vms()) {
            if (vm.colours() == null) continue;
            out.report(vm.colours().span(), "VM `" + vm.name() + "` asks for cache colours, but board `" + board.name()
                    + "` does not describe its last-level cache.").related(board.span(), "the board is declared here").hint(HINT);
        }
    }

    private static final String HINT = "State `llc-size`, `llc-ways` and `llc-line` in the board's `hypervisor` block "
            + "(from the SoC's reference manual), or drop `colours`.";

    private static boolean applies(BoardModel board) {
        return board.hyp() != null && board.hyp().llc() == null && board.arch() == BoardPlan.Arch.AARCH64;
    }
}
