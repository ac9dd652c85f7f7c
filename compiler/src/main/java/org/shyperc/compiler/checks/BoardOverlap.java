package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Intervals;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;

/** SHY0801: the board's DRAM banks, devices and interrupt-controller frames are disjoint (byte ranges). */
public final class BoardOverlap implements Check {
    @Override
    public Code code() { return Codes.BOARD_OVERLAP; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        // the items hold the board's own records; a place to name in a message is made only for an overlap
        List<Intervals.Item<Object>> items = new ArrayList<>(board.dram().size() + board.devices().size() + 6);
        for (BoardModel.Bank b : board.dram()) add(items, b.base(), b.size(), b.span(), b, out);
        for (BoardModel.Device d : board.devices()) add(items, d.base(), d.size(), d.span(), d, out);
        for (BoardModel.Frame f : board.intc().frames()) add(items, f.base(), f.size(), f.span(), f, out);
        for (Intervals.Overlap<Object> o : Intervals.overlaps(items)) {
            Place[] p = Place.laterFirst(place(o.later().owner()), place(o.earlier().owner()));
            Place a = p[0];
            Place b = p[1];
            out.report(a.span(), "On board `" + board.name() + "`, " + a.describe() + " overlaps " + b.describe() + ".")
                    .related(b.span(), b.what() + " is declared here")
                    .hint("Compare both with the board's device tree or manual: one address or size is probably mistyped.");
        }
    }

    private static void add(List<Intervals.Item<Object>> items, long base, long size, SourceSpan span, Object what, Reporter out) {
        if (!out.skips(span)) items.add(new Intervals.Item<>(base, Addr.end(base, size), what));
    }

    /** A bank, device or frame as a place to name in a message. */
    private static Place place(Object o) {
        if (o instanceof BoardModel.Bank b) {
            return new Place("bank", () -> "the memory bank `" + b.name() + "`", b.base(), b.size(), b.span());
        }
        if (o instanceof BoardModel.Device d) {
            return new Place("device", () -> "the device `" + d.name() + "`", d.base(), d.size(), d.span());
        }
        BoardModel.Frame f = (BoardModel.Frame) o;
        return new Place("frame", () -> "the interrupt controller's " + f.name(), f.base(), f.size(), f.span());
    }
}
