package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;

/** SHY0305: no VM RAM or shared region reaches into the hypervisor's reservation. */
public final class InHypervisor implements Check {
    @Override
    public Code code() { return Codes.IN_HYPERVISOR; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        NextFree next = new NextFree(in);
        for (Backing.Range r : Backing.of(in, out)) {
            if (r.size() == 0) continue;
            test(in.board(), out, next, r.span(), r.what(), r.pa(), r.size());
        }
    }

    private static void test(BoardModel board, Reporter out, NextFree next, SourceSpan span, String what, long pa, long size) {
        BoardModel.Hyp h = board.hyp();
        long hypEnd = Addr.end(h.reserveBase(), h.reserveSize());
        if (!Addr.intersects(Addr.pageDown(pa), Addr.pageUp(Addr.end(pa, size)), h.reserveBase(), hypEnd)) return;
        out.report(span, "The " + what + " at PA " + Addr.range(pa, size) + " overlaps the hypervisor's reservation "
                + Addr.range(h.reserveBase(), h.reserveSize()) + ".")
                .related(h.reserveSpan(), "the hypervisor's reservation is declared here")
                .hint(next.hint(size, span));
    }
}
