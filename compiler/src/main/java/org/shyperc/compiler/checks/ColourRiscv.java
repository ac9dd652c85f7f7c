package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;

/** SHY1207: cache colouring on a riscv64 board, which the riscv64 runtime cannot map yet. */
public final class ColourRiscv implements Check {
    @Override
    public Code code() { return Codes.COLOUR_RISCV; }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        if (!riscv(board) || board.hyp().colours().isEmpty()) return;
        out.report(board.hyp().colours().get(0).span(), "The hypervisor's colours are given on riscv64 board `" + board.name()
                + "`; cache colouring is not supported by the riscv64 runtime yet.").hint("Drop the hypervisor's `colours`.");
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (!riscv(in.board())) return;
        for (VmModel vm : in.vms()) {
            if (vm.colours() == null) continue;
            out.report(vm.colours().span(), "VM `" + vm.name() + "` asks for cache colours on riscv64 board `" + in.board().name()
                    + "`; cache colouring is not supported by the riscv64 runtime yet.")
                    .hint("Drop `colours`, or build the system for an aarch64 board.");
        }
    }

    private static boolean riscv(BoardModel board) {
        return board.hyp() != null && board.arch() == BoardPlan.Arch.RISCV64;
    }
}
