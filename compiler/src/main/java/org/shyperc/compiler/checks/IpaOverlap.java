package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Intervals;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.Mapping;

/** SHY0307: inside one VM, RAM, shared windows, MMIO, emulated devices and the virtual GIC are disjoint. */
public final class IpaOverlap implements Check {
    @Override
    public Code code() { return Codes.IPA_OVERLAP; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW, Codes.HYPERVISOR_DEVICE); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            List<MapEntry> map = vm.map();
            List<Intervals.Item<MapEntry>> items = new ArrayList<>(map.size());
            for (int i = 0; i < map.size(); i++) {
                MapEntry e = map.get(i);
                if (!e.implicit() && out.skips(e.span())) continue;
                Mapping m = e.mapping();
                items.add(new Intervals.Item<>(m.ipa(), Addr.end(m.ipa(), m.size()), e));
            }
            for (Intervals.Overlap<MapEntry> o : Intervals.overlaps(items)) {
                GuestMap.Entry a = GuestMap.entry(vm, o.later().owner());
                GuestMap.Entry b = GuestMap.entry(vm, o.earlier().owner());
                if (a.implicit() && b.implicit()) continue; // the board's own layout; SHY0801 covers it
                if (!a.implicit() && !b.implicit()) {
                    Place[] p = Place.laterFirst(a.place(), b.place());
                    if (p[0] != a.place()) {
                        GuestMap.Entry t = a;
                        a = b;
                        b = t;
                    }
                } else if (a.implicit()) {
                    GuestMap.Entry t = a;
                    a = b;
                    b = t;
                }
                out.report(a.place().span(), "In vm `" + vm.name() + "`, " + a.place().describe() + " overlaps "
                        + b.place().describe() + ".")
                        .related(b.place().span(), b.implicit() ? b.place().what() + " comes from here"
                                : b.place().what() + " is declared here")
                        .hint("Move it to an IPA at or above " + Hex.of(Addr.pageUp(b.place().end()))
                                + ", or below " + Hex.of(b.place().base()) + ".");
            }
        }
    }
}
