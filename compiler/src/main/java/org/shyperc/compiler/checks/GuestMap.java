package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;

/**
 * Everything mapped into one VM's intermediate physical address space. Implicit entries (the
 * virtual GIC, a console the source did not place) carry the span of what put them there.
 */
final class GuestMap {
    private GuestMap() { }

    /** An entry and whether the user wrote it (implicit ones are never the primary span). */
    record Entry(Place place, boolean implicit) { }

    /** One index over all shared windows, so building every VM's map stays O(n). */
    static java.util.Map<String, List<Entry>> windows(Instance in) {
        java.util.Map<String, List<Entry>> byVm = new java.util.HashMap<>();
        for (SharedModel s : in.shared()) {
            for (SharedModel.Mapping m : s.mappings()) {
                byVm.computeIfAbsent(m.vm(), k -> new ArrayList<>()).add(new Entry(new Place(m.vm(), () ->
                        "the window onto shared region `" + s.name() + "`", m.ipa(), s.size(), m.span()), false));
            }
        }
        return byVm;
    }

    static List<Entry> of(Instance in, VmModel vm, java.util.Map<String, List<Entry>> windows) {
        List<Entry> out = new ArrayList<>();
        String v = vm.name();
        for (VmModel.Mem m : vm.memory()) out.add(new Entry(new Place(v, () -> "RAM", m.ipa(), m.size(), m.span()), false));
        out.addAll(windows.getOrDefault(v, List.of()));
        for (VmModel.Pt p : vm.passthrough()) {
            if (p.window() != null) continue; // mapped as part of its window
            out.add(new Entry(new Place(v, () -> "device `" + p.device().name() + "`", p.ipa(), p.device().size(), p.span()), false));
        }
        for (VmModel.Window w : vm.windows()) {
            out.add(new Entry(new Place(v, () -> "the passthrough window at PA " + org.shyperc.compiler.layout.Hex.of(w.pa()),
                    w.ipa(), w.size(), w.span()), false));
        }
        for (VmModel.Virtio d : vm.virtio()) {
            out.add(new Entry(new Place(v, () -> "the virtio " + d.kind() + " device", d.ipa(), d.size(), d.span()), false));
        }
        VmModel.ConsoleDev c = vm.console();
        if (c != null) {
            boolean implicit = c.span() == null;
            out.add(new Entry(new Place(v, () -> "the console", c.ipa(), c.size(),
                    implicit ? vm.span() : c.span()), implicit));
        }
        BoardModel.Intc ic = in.board().intc();
        for (VmModel.IpaFrame f : vm.vgic()) {
            out.add(new Entry(new Place(v, () -> "the " + f.name(), f.ipa(), f.size(), ic.span()), true));
        }
        return out;
    }
}
