package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.shyperc.compiler.check.Derived;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Mapping;

/**
 * The physical memory behind the VMs' mapping lists: each VM's RAM, and each shared region once
 * (from the windows onto it, reported at the region). Regions placement could not place are left out.
 */
final class Backing {
    private Backing() { }

    /** The owner of every coloured RAM region. */
    static final String COLOURED = "coloured RAM";

    /** {@code owner} tells apart what may coincide: a shared region's windows have one owner. */
    record Range(String owner, String what, long pa, long size, SourceSpan span) { }

    /** Read by three checks: made once per instance (unmodifiable). */
    static final Derived.Key<List<Range>> RANGES = new Derived.Key<>(new Ranges());

    private static final class Ranges implements Function<Instance, List<Range>> {
        @Override
        public List<Range> apply(Instance in) { return of(in); }
    }

    /** The ranges of {@code in}, shared by the checks {@code out} reports for. */
    static List<Range> of(Instance in, Reporter out) { return out.derived(RANGES, in); }

    static List<Range> of(Instance in) {
        int n = 0;
        for (VmModel vm : in.vms()) n += vm.map().size();
        List<Range> out = new ArrayList<>(n);
        Set<SourceSpan> regions = new HashSet<>();
        for (VmModel vm : in.vms()) {
            String owner = null;    // made once per VM, not per range: a big system has 100k ranges
            String what = null;
            for (MapEntry e : vm.map()) {
                Mapping m = e.mapping();
                if (m.pa() == Mapping.NO_PA) continue;
                if (m.kind() == Mapping.Kind.RAM && m.coloured()) {
                    // cache colouring: coloured VMs share their stretches of DRAM page by page; ColourPaOverlap
                    // tells apart those that share a page, so all coloured RAM is one owner here
                    out.add(new Range(COLOURED, "coloured RAM of vm `" + vm.name() + "`", m.pa(), m.paSpanEnd() - m.pa(), e.span()));
                } else if (m.kind() == Mapping.Kind.RAM) {
                    if (owner == null) {
                        owner = "vm " + vm.name();
                        what = "RAM of vm `" + vm.name() + "`";
                    }
                    out.add(new Range(owner, what, m.pa(), m.size(), e.span()));
                } else if (m.kind() == Mapping.Kind.SHARED && regions.add(e.source())) {
                    out.add(new Range("shared " + m.name(), "shared region `" + m.name() + "`", m.pa(), m.size(), e.source()));
                }
            }
        }
        return Collections.unmodifiableList(out);
    }
}
