package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.layout.Layout;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.Colouring;

/**
 * SHY0406: a core started from a spin table waits at EL2 for an address in its release word and jumps there. A word a
 * VM can write (its RAM, a shared region, a passthrough device) would let that VM start a core the system leaves idle
 * on its own code, above stage 2; one inside the hypervisor's image or pool would be overwritten by the hypervisor.
 */
public final class SpinTableExposed implements Check {
    @Override
    public Code code() { return Codes.SPIN_TABLE_EXPOSED; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        BoardModel.Hyp h = board.hyp();
        for (BoardModel.Core c : board.cores()) {
            if (c.enableMethod() != BoardPlan.EnableMethod.SPIN_TABLE) continue;
            if (!Addr.intersects(c.releaseAddress(), c.releaseAddress() + 8, h.loadAddress(), h.reserveEnd())) continue;
            out.report(c.releaseSpan(), "Core " + c.index() + "'s spin-table release word at " + Hex.of(c.releaseAddress())
                    + " is inside the hypervisor's image and pool " + Addr.range(h.loadAddress(), h.reserveEnd() - h.loadAddress())
                    + ".").related(h.reserveSpan(), "the hypervisor's reservation is declared here")
                    .hint("Load the hypervisor above the spin table (`load @` in the `hypervisor` block); the part of the "
                            + "reservation before the load address may hold it.");
        }
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        List<BoardModel.Core> spin = new ArrayList<>();
        for (BoardModel.Core c : in.board().cores()) if (c.enableMethod() == BoardPlan.EnableMethod.SPIN_TABLE) spin.add(c);
        if (spin.isEmpty()) return;
        for (VmModel vm : in.vms()) {
            for (VmModel.Mem m : vm.memory()) {
                if (m.pa() == -1) continue;
                Colouring col = Layout.colouring(in.board(), vm, m);
                if (col == null) {
                    test(out, spin, m.pa(), m.size(), "the RAM of vm `" + vm.name() + "` at PA " + Addr.range(m.pa(), m.size()), m.span());
                    continue;
                }
                // cache colouring: the region's pages are spread over its stretch, between other colours' pages
                long stretch = Layout.extent(in.board(), vm, m);
                String what = "the coloured RAM of vm `" + vm.name() + "` (its stretch at PA " + Addr.range(m.pa(), stretch) + ")";
                List<BoardModel.Core> hit = new ArrayList<>();
                for (BoardModel.Core c : spin) if (maps(col, m.pa(), m.size(), c.releaseAddress())) hit.add(c);
                report(out, hit, what, m.span());
            }
            for (VmModel.Pt p : vm.passthrough()) {
                BoardModel.Device d = p.device();
                test(out, spin, d.base(), d.size(), "the device `" + d.name() + "` passed through to vm `" + vm.name() + "`", p.span());
            }
        }
        for (SharedModel s : in.shared()) {
            if (s.pa() == -1) continue;
            test(out, spin, s.pa(), s.size(), "the shared region `" + s.name() + "` at PA " + Addr.range(s.pa(), s.size()), s.span());
        }
    }

    /**
     * Whether the coloured region whose pages start at {@code base} maps the page of the release word at {@code word}. The
     * word is 8-byte aligned, so it lies in one page: the stretch's page p has colour p mod count, and is the region's
     * IPA page (p / count) * k + (the colour's place among the region's k colours) if that is below its page count.
     */
    static boolean maps(Colouring col, long base, long size, long word) {
        if (Long.compareUnsigned(word, base) < 0) return false;
        long page = Long.divideUnsigned(word - base, Colouring.PAGE); // below 2^52: the divisions below are plain
        int at = col.colours().indexOf((int) (page % col.count()));
        if (at < 0) return false;
        long ipaPage = page / col.count() * col.colours().size() + at;
        return ipaPage < (size + Colouring.PAGE - 1) / Colouring.PAGE;
    }

    /** One report per exposed range, naming every core whose word it holds. */
    private static void test(Reporter out, List<BoardModel.Core> spin, long base, long size, String what, SourceSpan at) {
        List<BoardModel.Core> hit = new ArrayList<>();
        for (BoardModel.Core c : spin) {
            if (Addr.intersects(c.releaseAddress(), c.releaseAddress() + 8, base, Addr.end(base, size))) hit.add(c);
        }
        report(out, hit, what, at);
    }

    /** One report for an exposed range, naming every core whose word it holds ({@code hit}); none if it holds none. */
    private static void report(Reporter out, List<BoardModel.Core> hit, String what, SourceSpan at) {
        if (hit.isEmpty()) return;
        String cores;
        if (hit.size() == 1) {
            cores = "Core " + hit.get(0).index() + "'s spin-table release word at " + Hex.of(hit.get(0).releaseAddress()) + " is";
        } else {
            StringBuilder indices = new StringBuilder();
            StringBuilder words = new StringBuilder();
            for (BoardModel.Core c : hit) {
                if (indices.length() > 0) {
                    indices.append(", ");
                    words.append(", ");
                }
                indices.append(c.index());
                words.append(Hex.of(c.releaseAddress()));
            }
            cores = "The spin-table release words of cores " + indices + " (" + words + ") are";
        }
        out.report(at, cores + " in " + what + ": that VM could start an idle core on its own code, outside its stage 2.")
                .related(hit.get(0).releaseSpan(), "the release word is declared here")
                .hint("Keep the firmware's spin table out of every VM: give this memory a PA elsewhere (`at pa`), "
                        + "or keep the spin table inside the hypervisor's reservation, before its load address.");
    }
}
