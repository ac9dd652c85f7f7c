package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Intervals;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0801: the board's DRAM banks, devices and interrupt-controller frames are disjoint (byte ranges). */
public final class BoardOverlap implements Check {
    @Override
    public Code code() { return Codes.BOARD_OVERLAP; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        List<Intervals.Item<Place>> items = new ArrayList<>();
        for (BoardModel.Bank b : board.dram()) add(items, new Place("bank", () -> "the memory bank `" + b.name() + "`", b.base(), b.size(), b.span()), out);
        for (BoardModel.Device d : board.devices()) add(items, new Place("device", () -> "the device `" + d.name() + "`", d.base(), d.size(), d.span()), out);
        for (BoardModel.Frame f : board.intc().frames()) {
            add(items, new Place("frame", () -> "the interrupt controller's " + f.name(), f.base(), f.size(), f.span()), out);
        }
        for (Intervals.Overlap<Place> o : Intervals.overlaps(items)) {
            Place[] p = Place.laterFirst(o.later().owner(), o.earlier().owner());
            Place a = p[0];
            Place b = p[1];
            out.report(a.span(), "On board `" + board.name() + "`, " + a.describe() + " overlaps " + b.describe() + ".")
                    .related(b.span(), b.what() + " is declared here")
                    .hint("Compare both with the board's device tree or manual: one address or size is probably mistyped.");
        }
    }

    private static void add(List<Intervals.Item<Place>> items, Place p, Reporter out) {
        if (!out.skips(p.span())) items.add(new Intervals.Item<>(p.base(), p.end(), p));
    }
}
