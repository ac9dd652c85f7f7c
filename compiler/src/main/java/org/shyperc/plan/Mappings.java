package org.shyperc.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Makes a VM's mapping list from what it is given, the same way for every caller: placement (which
 * tags each entry with where it was written) and a Plan made by hand. Passthrough devices are widened
 * to the 4 KiB pages that hold them, since stage 2 maps pages; devices of one VM in the same pages
 * at the same IPA offset become one entry (named after the one given first); then entries are sorted by IPA.
 */
public final class Mappings {
    private Mappings() { }

    static final long PAGE = 4096;

    /** The name of a {@link Mapping.Kind#WINDOW} entry: a window has no name of its own in the language. */
    public static final String WINDOW_NAME = "window";

    /** An entry and what its maker wants back with it (a source span; nothing for a plan made by hand). */
    public record Tagged<T>(Mapping mapping, T tag) { }

    public static <T> List<Tagged<T>> normalise(List<Tagged<T>> given) {
        List<Tagged<T>> out = new ArrayList<>(given.size());
        List<Tagged<T>> devices = new ArrayList<>();
        for (Tagged<T> t : given) {
            Mapping m = t.mapping();
            if (m.kind() != Mapping.Kind.PASSTHROUGH || m.size() == 0) {
                out.add(t);
                continue;
            }
            long start = m.pa() & -PAGE;
            long end = pageUp(m.pa() + m.size());
            if (start == m.pa() && end - start == m.size()) {
                devices.add(t); // whole pages already (most devices): the same entry, not an equal copy
                continue;
            }
            long delta = m.ipa() - m.pa();
            devices.add(new Tagged<>(new Mapping(m.kind(), m.name(), start + delta, start, end - start, m.access(),
                    m.attributes()), t.tag()));
        }
        // devices in the same pages at the same IPA offset are one mapping
        devices.sort(ByPa.INSTANCE); // unboxed: a big system has 100k
        Tagged<T> open = null;
        for (Tagged<T> t : devices) {
            Mapping m = t.mapping();
            if (open != null) {
                Mapping o = open.mapping();
                // one page has one memory type: the first device's (SHY1406 refuses devices that disagree)
                if (Long.compareUnsigned(m.pa(), o.paEnd()) < 0 && m.ipa() - m.pa() == o.ipa() - o.pa()) {
                    long end = Long.compareUnsigned(m.paEnd(), o.paEnd()) > 0 ? m.paEnd() : o.paEnd();
                    open = new Tagged<>(new Mapping(o.kind(), o.name(), o.ipa(), o.pa(), end - o.pa(), o.access(), o.attributes()),
                            open.tag());
                    continue;
                }
                out.add(open);
            }
            open = t;
        }
        if (open != null) out.add(open);
        out.sort(ByIpa.INSTANCE);
        return out;
    }

    private static final class ByPa implements Comparator<Tagged<?>> {
        static final ByPa INSTANCE = new ByPa();

        @Override
        public int compare(Tagged<?> a, Tagged<?> b) {
            return Long.compareUnsigned(a.mapping().pa(), b.mapping().pa());
        }
    }

    private static final class ByIpa implements Comparator<Tagged<?>> {
        static final ByIpa INSTANCE = new ByIpa();

        @Override
        public int compare(Tagged<?> a, Tagged<?> b) {
            int c = Long.compareUnsigned(a.mapping().ipa(), b.mapping().ipa());
            return c != 0 ? c : a.mapping().kind().compareTo(b.mapping().kind());
        }
    }

    private static long pageUp(long a) {
        long r = (a + PAGE - 1) & -PAGE;
        return Long.compareUnsigned(r, a) < 0 ? -PAGE : r;
    }

    /**
     * The mapping list of a VM made by hand (tests, and plans of other tools): RAM, shared windows,
     * passthrough devices (those in a passthrough window as part of it), passthrough windows, the GICV
     * window, virtio, console, the emulated GIC.
     */
    static List<Mapping> of(VmPlan vm, InterruptControllerPlan ic) {
        List<VmPlan.Region> memory = vm.memory();
        VmPlan.Console console = vm.console();
        VmPlan.VirtualGic vgic = vm.vgic();
        InterruptControllerPlan.Frame gicv = ic == null ? null : ic.virtualCpuInterface();
        long gicvBase = gicv == null ? Mapping.NO_PA : gicv.base();
        List<Tagged<Void>> given = new ArrayList<>();
        for (VmPlan.Region r : memory) {
            Tagged<Void> ram = plain(Mapping.Kind.RAM, "RAM", r.ipa(), r.pa(), r.size(), true, true);
            given.add(r.colouring() == null ? ram : new Tagged<>(ram.mapping().coloured(r.colouring()), null));
        }
        for (VmPlan.SharedWindow w : vm.sharedWindows()) {
            given.add(plain(Mapping.Kind.SHARED, w.region(), w.ipa(), w.pa(), w.size(), w.writable(), true));
        }
        for (VmPlan.Passthrough p : vm.passthrough()) {
            // a device inside a passthrough window is mapped with the window
            if (!vm.inWindow(p)) given.add(plain(Mapping.Kind.PASSTHROUGH, p.device(), p.ipa(), p.pa(), p.size(), true, false));
        }
        for (VmPlan.Window w : vm.windows()) given.add(plain(Mapping.Kind.WINDOW, WINDOW_NAME, w.ipa(), w.pa(), w.size(), true, false));
        for (VmPlan.Virtio v : vm.virtio()) given.add(plain(Mapping.Kind.VIRTIO, v.kind(), v.ipa(), Mapping.NO_PA, v.size(), true, false));
        if (console != null) given.add(plain(Mapping.Kind.CONSOLE, console.compatible(), console.ipa(), Mapping.NO_PA, console.size(), true, false));
        if (vgic != null) {
            if (vgic.distributorSize() > 0) {
                given.add(plain(Mapping.Kind.VGIC_DISTRIBUTOR, "distributor", vgic.distributorIpa(), Mapping.NO_PA,
                        vgic.distributorSize(), true, false));
            }
            if (vgic.cpuInterfaceSize() > 0) {
                given.add(plain(Mapping.Kind.VGIC_CPU_INTERFACE, "CPU interface", vgic.cpuInterfaceIpa(), gicvBase,
                        vgic.cpuInterfaceSize(), true, false));
            }
            if (vgic.redistributorSize() > 0) {
                given.add(plain(Mapping.Kind.VGIC_REDISTRIBUTOR, "redistributor", vgic.redistributorIpa(), Mapping.NO_PA,
                        vgic.redistributorSize(), true, false));
            }
        }
        if (ic != null && ic.plic() != null) {
            given.add(plain(Mapping.Kind.VIRTUAL_PLIC, "PLIC", ic.plic().base(), Mapping.NO_PA, ic.plic().size(), true, false));
        }
        List<Tagged<Void>> entries = normalise(given);
        List<Mapping> out = new ArrayList<>(entries.size());
        for (Tagged<Void> t : entries) out.add(t.mapping());
        return Collections.unmodifiableList(out);
    }

    /** An entry as placement and a hand-made plan both make it: writable or read-only, Normal memory or Device. */
    public static <T> Tagged<T> entry(Mapping.Kind kind, String name, long ipa, long pa, long size, boolean writable, T tag) {
        return entry(kind, name, ipa, pa, size, writable, defaults(kind), tag);
    }

    /** The same with attributes the system gave (`nocache`, `device`, `hugepages`). */
    public static <T> Tagged<T> entry(Mapping.Kind kind, String name, long ipa, long pa, long size, boolean writable,
                                      Mapping.Attributes attributes, T tag) {
        return new Tagged<>(mapping(kind, name, ipa, pa, size, writable, attributes), tag);
    }

    /** The mapping of such an entry, for a maker whose tag needs the mapping itself. */
    public static Mapping mapping(Mapping.Kind kind, String name, long ipa, long pa, long size, boolean writable,
                                  Mapping.Attributes attributes) {
        return new Mapping(kind, name, ipa, pa, size, writable ? Mapping.Access.READ_WRITE : Mapping.Access.READ_ONLY, attributes);
    }

    /** What a kind of mapping is without attributes of its own: Normal write-back memory, or Device. */
    public static Mapping.Attributes defaults(Mapping.Kind kind) {
        return kind == Mapping.Kind.RAM || kind == Mapping.Kind.SHARED ? Mapping.Attributes.NORMAL : Mapping.Attributes.DEVICE;
    }

    private static Tagged<Void> plain(Mapping.Kind kind, String name, long ipa, long pa, long size, boolean writable, boolean normal) {
        return new Tagged<>(new Mapping(kind, name, ipa, pa, size, writable ? Mapping.Access.READ_WRITE : Mapping.Access.READ_ONLY,
                normal ? Mapping.Attributes.NORMAL : Mapping.Attributes.DEVICE), null);
    }
}
