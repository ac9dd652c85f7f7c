package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;

/** SHY1203: colour numbers below the board's number of colours; a share of 1 to that many. */
public final class ColourRange implements Check {
    @Override
    public Code code() { return Codes.COLOUR_RANGE; }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        int n = colours(board);
        if (n == 0) return;
        for (BoardModel.ColourRef c : board.hyp().colours()) {
            if (c.colour() >= n) out.report(c.span(), message("The hypervisor's", c.colour(), board, n)).hint(hint(n));
        }
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        int n = colours(in.board());
        if (n == 0) return;
        for (VmModel vm : in.vms()) {
            VmModel.Colours c = vm.colours();
            if (c == null) continue;
            if (c.share() >= 0 && (c.share() == 0 || c.share() > n)) {
                out.report(c.span(), "VM `" + vm.name() + "` asks for " + c.share() + " colours; board `" + in.board().name()
                        + "` has " + n + ".").hint("Ask for 1 to " + n + " colours.");
            }
            for (BoardModel.ColourRef r : c.listed()) {
                if (r.colour() >= n) out.report(r.span(), message("VM `" + vm.name() + "`'s", r.colour(), in.board(), n)).hint(hint(n));
            }
        }
    }

    private static String message(String whose, int colour, BoardModel board, int n) {
        return whose + " colour " + colour + " is not a colour of board `" + board.name() + "`, which has " + n
                + " (0 to " + (n - 1) + ").";
    }

    private static String hint(int n) {
        return "The board's last-level cache has " + n + " colours: `llc-size / (llc-ways * 4 KiB)`.";
    }

    static int colours(BoardModel board) {
        if (board.hyp() == null || board.hyp().llc() == null || board.arch() != BoardPlan.Arch.AARCH64) return 0;
        return board.hyp().llc().colours();
    }
}
