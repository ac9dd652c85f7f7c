package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.VmModel;

/**
 * Everything mapped into one VM's intermediate physical address space, as placement listed it
 * ({@link VmModel#map()}), as places to compare. Implicit entries (the virtual GIC, a console the
 * source did not place) carry the span of what put them there.
 */
final class GuestMap {
    private GuestMap() { }

    /** An entry and whether the user wrote it (implicit ones are never the primary span). */
    record Entry(Place place, boolean implicit) { }

    static List<Entry> of(VmModel vm) {
        List<Entry> out = new ArrayList<>(vm.map().size());
        for (MapEntry e : vm.map()) out.add(entry(vm, e));
        return out;
    }

    /** One entry of the VM's map as a place; a check over 100k entries makes these only for those it reports. */
    static Entry entry(VmModel vm, MapEntry e) {
        return new Entry(new Place(vm.name(), e::what, e.mapping().ipa(), e.mapping().size(), e.span()), e.implicit());
    }
}
