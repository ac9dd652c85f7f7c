package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/** SHY0304: VM RAM, shared regions and the hypervisor's reservation lie inside one DRAM bank. */
public final class OutsideDram implements Check {
    @Override
    public Code code() { return Codes.OUTSIDE_DRAM; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        BoardModel.Hyp h = board.hyp();
        if (h.reserveSize() != 0 && !inDram(board, h.reserveBase(), h.reserveSize())) {
            related(board, out.report(h.reserveSpan(), "The hypervisor's reservation "
                    + Addr.range(h.reserveBase(), h.reserveSize()) + " is not inside the DRAM of board `"
                    + board.name() + "`.")).hint("The reservation is carved out of DRAM; " + banks(board) + ".");
        }
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel board = in.board();
        NextFree next = new NextFree(in);
        for (Backing.Range r : Backing.of(in, out)) {
            if (r.size() == 0) continue;
            test(board, out, next, r.span(), r.what(), r.pa(), r.size());
        }
    }

    private static void test(BoardModel board, Reporter out, NextFree next, SourceSpan span, String what, long pa, long size) {
        if (inDram(board, pa, size)) return;
        related(board, out.report(span, "The " + what + " at PA " + Addr.range(pa, size)
                + " is not inside the DRAM of board `" + board.name() + "`."))
                .hint(banks(board) + ". " + next.hint(size, span));
    }

    private static Diagnostic.Builder related(BoardModel board, Diagnostic.Builder d) {
        for (BoardModel.Bank b : board.dram()) d.related(b.span(), "the DRAM bank `" + b.name() + "` is declared here");
        return d;
    }

    static boolean inDram(BoardModel board, long base, long size) {
        long end = Addr.end(base, size);
        for (BoardModel.Bank b : board.dram()) {
            if (Addr.within(base, end, b.base(), Addr.end(b.base(), b.size()))) return true;
        }
        return false;
    }

    private static String banks(BoardModel board) {
        StringBuilder s = new StringBuilder(board.dram().size() == 1 ? "DRAM is " : "DRAM banks are ");
        for (int i = 0; i < board.dram().size(); i++) {
            BoardModel.Bank b = board.dram().get(i);
            if (i > 0) s.append(", ");
            s.append(Addr.range(b.base(), b.size()));
        }
        return s.toString();
    }
}
