package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
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
    private static final BiPredicate<Backing.Range, Backing.Range> SAME_OWNER = new SameOwner();

    @Override
    public Code code() { return Codes.PA_OVERLAP; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        List<Backing.Range> ranges = Backing.of(in, out);
        List<Intervals.Item<Backing.Range>> items = new ArrayList<>(ranges.size());
        for (Backing.Range r : ranges) {
            if (out.skips(r.span())) continue;
            items.add(new Intervals.Item<>(Addr.pageDown(r.pa()), Addr.pageUp(Addr.end(r.pa(), r.size())), r));
        }
        NextFree next = new NextFree(in);
        for (Intervals.Overlap<Backing.Range> o : Intervals.overlaps(items, SAME_OWNER)) {
            Place[] p = Place.laterFirst(place(o.later().owner()), place(o.earlier().owner()));
            Place later = p[0];
            Place earlier = p[1];
            out.report(later.span(), capital(later.describe()) + " overlaps " + earlier.describe() + " in physical memory.")
                    .related(earlier.span(), earlier.what() + " is declared here")
                    .hint(next.hint(later.size(), later.span()));
        }
    }

    /** A range as a place to name in a message; made only for the ranges reported. */
    private static Place place(Backing.Range r) {
        return new Place(r.owner(), new Label(r), r.pa(), r.size(), r.span());
    }

    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Ranges of one owner may overlap. */
    private static final class SameOwner implements BiPredicate<Backing.Range, Backing.Range> {
        @Override
        public boolean test(Backing.Range a, Backing.Range b) { return OwnerNames.same(a.owner(), b.owner()); }
    }

    /** "the " and what the range is. */
    private static final class Label implements Supplier<String> {
        private final Backing.Range range;

        Label(Backing.Range range) { this.range = range; }

        @Override
        public String get() { return "the " + range.what(); }
    }
}
