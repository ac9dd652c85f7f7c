package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.layout.Layout;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY1211: a hypervisor that keeps colours runs in them (docs/runtime.md): its runtime and blob are copied into pages
 * of its colours, its page tables and stacks are such pages, all taken from the reservation after the image and
 * below the stack window at its top. The pages of its colours there must hold them, worked out from the same upper
 * bounds as SHY0705 (skipped while a payload's size is unknown, and when the image does not fit at all).
 */
public final class ColourHypRoom implements Check {
    @Override
    public Code code() { return Codes.COLOUR_HYP_ROOM; }

    @Override
    public List<Code> prerequisites() {
        return List.of(Codes.ADDRESS_OVERFLOW, Codes.MISALIGNED, Codes.IMAGE_TOO_BIG, Codes.COLOUR_RANGE);
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel.Hyp h = in.board().hyp();
        int n = Layout.colourCount(in.board());
        if (h == null || n == 0 || h.colours().isEmpty()) return;
        long mask = 0;
        for (BoardModel.ColourRef c : h.colours()) if (c.colour() < n) mask |= 1L << c.colour();
        if (mask == 0) return;
        ImageEstimate e = ImageEstimate.of(in, out);
        if (e.imageSize < 0) return;
        long page = RuntimeLimits.PAGE_SIZE;
        long copy = (RuntimeLimits.RUNTIME_MAX_SIZE + ImageEstimate.pageUp(e.blobSize)) / page;
        long need = copy + e.poolSize / page + RuntimeLimits.HYP_COLOUR_EXTRA_PAGES;
        long from = h.loadAddress() + e.imageSize;
        long to = h.reserveEnd() - RuntimeLimits.HYP_STACK_WINDOW;
        long have = from < to ? pages(from, to, mask, n) : 0;
        if (have >= need) return;
        out.report(h.colours().get(0).span(), "The hypervisor keeps " + Long.bitCount(mask) + " of " + n + " colours and needs up to "
                + need + " pages of them (" + ImageEstimate.approx(need * page) + "), but its reservation "
                + Hex.of(h.reserveBase()) + " to " + Hex.of(h.reserveEnd()) + " holds " + have + " after the image and below "
                + "its stacks' " + ImageEstimate.approx(RuntimeLimits.HYP_STACK_WINDOW) + " of addresses.")
                .related(h.reserveSpan(), "the reservation is declared here")
                .hint("Its copy of the runtime and configuration takes " + copy + " pages, page tables and stacks "
                        + (need - copy) + ": grow `reserve` to at least " + ImageEstimate.approx(minimum(h, e, need, mask, n))
                        + ", or keep more colours for the hypervisor.");
    }

    /** Pages of the colours in {@code mask} (of n) in [from, to). */
    static long pages(long from, long to, long mask, int n) {
        long p = from / RuntimeLimits.PAGE_SIZE;
        long end = to / RuntimeLimits.PAGE_SIZE;
        long count = 0;
        for (; p < end && p % n != 0; p++) if ((mask >>> (p % n) & 1) != 0) count++;
        if (p >= end) return count;
        count += (end - p) / n * Long.bitCount(mask);
        for (p += (end - p) / n * n; p < end; p++) if ((mask >>> (p % n) & 1) != 0) count++;
        return count;
    }

    /** The smallest reservation from the same base that holds what is needed (a period more than the bare count). */
    private static long minimum(BoardModel.Hyp h, ImageEstimate e, long need, long mask, int n) {
        long period = n * RuntimeLimits.PAGE_SIZE;
        long pages = (need + Long.bitCount(mask) - 1) / Long.bitCount(mask) * period + period;
        return h.loadAddress() - h.reserveBase() + e.imageSize + pages + RuntimeLimits.HYP_STACK_WINDOW;
    }
}
