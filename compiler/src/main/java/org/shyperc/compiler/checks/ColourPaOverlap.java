package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Intervals;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Mapping;

/**
 * SHY1209: two coloured regions that use one colour have disjoint stretches of DRAM (else they
 * would map the same pages of that colour). Sort and sweep per colour (at most 64 sweeps of the
 * regions using it); PaOverlap judges coloured RAM against everything else.
 */
public final class ColourPaOverlap implements Check {
    @Override
    public Code code() { return Codes.COLOUR_PA_OVERLAP; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW, Codes.COLOUR_RANGE); }

    private record Region(VmModel vm, MapEntry entry) { }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        int n = ColourRange.colours(in.board());
        if (n == 0) return;
        List<List<Intervals.Item<Region>>> byColour = new ArrayList<>();
        for (int c = 0; c < n; c++) byColour.add(new ArrayList<>());
        for (VmModel vm : in.vms()) {
            for (MapEntry e : vm.map()) {
                Mapping m = e.mapping();
                if (!m.coloured() || m.pa() == Mapping.NO_PA || out.skips(e.span())) continue;
                for (int c : m.attributes().colouring().colours()) {
                    byColour.get(c).add(new Intervals.Item<>(m.pa(), m.paSpanEnd(), new Region(vm, e)));
                }
            }
        }
        Set<List<SourceSpan>> seen = new HashSet<>();
        for (List<Intervals.Item<Region>> items : byColour) {
            for (Intervals.Overlap<Region> o : Intervals.overlaps(items)) {
                Region a = o.later().owner();
                Region b = o.earlier().owner();
                if (a.entry().span().compareTo(b.entry().span()) < 0) {
                    Region t = a;
                    a = b;
                    b = t;
                }
                if (!seen.add(List.of(a.entry().span(), b.entry().span()))) continue;
                out.report(a.entry().span(), "The coloured RAM of vm `" + a.vm().name() + "` uses the same pages as the coloured RAM of vm `"
                        + b.vm().name() + "`: their stretches of DRAM overlap in a colour both use.")
                        .related(b.entry().span(), "the other region is declared here")
                        .hint("Drop `at pa` from one, so placement lays it beside the other.");
            }
        }
    }
}
