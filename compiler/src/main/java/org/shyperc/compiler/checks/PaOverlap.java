package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Intervals;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0306: no physical page belongs to two owners (VMs and shared regions). Ranges are widened
 * to whole pages, so two regions that share only part of a page are caught too. Sort and sweep.
 */
public final class PaOverlap implements Check {
    @Override
    public Code code() { return Codes.PA_OVERLAP; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        List<Intervals.Item<Place>> items = new ArrayList<>();
        for (Backing.Range r : Backing.of(in, out)) {
            if (out.skips(r.span())) continue;
            add(items, new Place(r.owner(), () -> "the " + r.what(), r.pa(), r.size(), r.span()));
        }
        NextFree next = new NextFree(in);
        for (Intervals.Overlap<Place> o : Intervals.overlaps(items, (a, b) -> a.owner().equals(b.owner()))) {
            Place[] p = Place.laterFirst(o.later().owner(), o.earlier().owner());
            Place later = p[0];
            Place earlier = p[1];
            out.report(later.span(), capital(later.describe()) + " overlaps " + earlier.describe() + " in physical memory.")
                    .related(earlier.span(), earlier.what() + " is declared here")
                    .hint(next.hint(later.size(), later.span()));
        }
    }

    private static void add(List<Intervals.Item<Place>> items, Place p) {
        items.add(new Intervals.Item<>(Addr.pageDown(p.base()), Addr.pageUp(p.end()), p));
    }

    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
