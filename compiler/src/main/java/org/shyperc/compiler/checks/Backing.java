package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** {@code owner} tells apart what may coincide: a shared region's windows have one owner. */
    record Range(String owner, String what, long pa, long size, SourceSpan span) { }

    static List<Range> of(Instance in) {
        List<Range> out = new ArrayList<>();
        Set<SourceSpan> regions = new HashSet<>();
        for (VmModel vm : in.vms()) {
            String owner = null;    // made once per VM, not per range: a big system has 100k ranges
            String what = null;
            for (MapEntry e : vm.map()) {
                Mapping m = e.mapping();
                if (m.pa() == Mapping.NO_PA) continue;
                if (m.kind() == Mapping.Kind.RAM) {
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
        return out;
    }
}
