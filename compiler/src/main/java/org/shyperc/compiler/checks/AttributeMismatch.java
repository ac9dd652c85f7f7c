package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Intervals;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Mapping;

/**
 * SHY1406: no physical page is mapped with two memory types (Arm ARM, "Mismatched memory attributes": they lose
 * coherency). A shared region's type is the region's, so its windows always agree. Two devices of one VM in
 * one page (stage 2 maps the page once) must agree; and, across VMs, every mapped entry with a PA is swept
 * in whole pages (what other rules let two VMs map at all: SHY0501 and SHY0502 come first).
 */
public final class AttributeMismatch implements Check {
    private static final BiPredicate<Use, Use> SAME_TYPE = new SameType();
    private static final Comparator<VmModel.Pt> BY_DEVICE_BASE = new ByDeviceBase();

    @Override
    public Code code() { return Codes.ATTRIBUTE_MISMATCH; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW, Codes.DEVICE_SHARED, Codes.SUBPAGE_SHARING); }

    /** The type read once: the sweep compares it for every pair it looks at. */
    private record Use(String vm, MapEntry entry, Mapping.MemoryType type) { }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) devicesInOnePage(vm, out);
        int n = 0;
        for (VmModel vm : in.vms()) n += vm.map().size();
        List<Intervals.Item<Use>> items = new ArrayList<>(n); // sized once: a big system maps 200k entries
        for (VmModel vm : in.vms()) {
            for (MapEntry e : vm.map()) {
                Mapping m = e.mapping();
                if (!m.kind().mapped() || m.pa() == Mapping.NO_PA || m.size() == 0 || out.skips(e.span())) continue;
                long end = m.pa() + m.size();
                if (Long.compareUnsigned(end, m.pa()) <= 0) continue; // wraps: SHY0303 says so
                items.add(new Intervals.Item<>(Addr.pageDown(m.pa()), Addr.pageUp(end), new Use(vm.name(), e, m.attributes().memory())));
            }
        }
        for (Intervals.Overlap<Use> o : Intervals.overlaps(items, SAME_TYPE)) {
            Use later = o.later().owner(), earlier = o.earlier().owner();
            SourceSpan at = later.entry().span();
            out.report(at, capital(later.entry().what()) + " of vm `" + later.vm() + "` maps PA " + Hex.of(later.entry().mapping().pa())
                            + " as " + words(later.type()) + ", but " + earlier.entry().what() + " of vm `" + earlier.vm()
                            + "` maps the same memory as " + words(earlier.type()) + ".")
                    .related(earlier.entry().span(), "the other mapping is here")
                    .hint("Give both the same attribute (`nocache`, `device`, or neither); accesses through mappings of "
                            + "different types are not coherent.");
        }
    }

    /** Devices of one VM passed through by name whose pages meet, with different memory types. */
    private static void devicesInOnePage(VmModel vm, Reporter out) {
        List<VmModel.Pt> pts = new ArrayList<>();
        for (VmModel.Pt p : vm.passthrough()) if (p.window() == null && !out.skips(p.span())) pts.add(p);
        pts.sort(BY_DEVICE_BASE);
        for (int i = 1; i < pts.size(); i++) {
            VmModel.Pt a = pts.get(i - 1), b = pts.get(i);
            long aEnd = a.device().base() + a.device().size();
            if (Long.compareUnsigned(Addr.pageDown(b.device().base()), Addr.pageUp(aEnd)) >= 0 || a.memory() == b.memory()) continue;
            out.report(b.span(), "Device `" + b.device().name() + "` of vm `" + vm.name() + "` is mapped as " + words(b.memory())
                            + ", but it shares a 4 KiB page with device `" + a.device().name() + "`, mapped as " + words(a.memory())
                            + "; stage 2 maps a page with one memory type.")
                    .related(a.span(), "`" + a.device().name() + "` is passed through here")
                    .hint("Give both the same attribute (`nocache`, `device`, or neither).");
        }
    }

    static String words(Mapping.MemoryType t) {
        return switch (t) {
            case NORMAL -> "Normal write-back memory";
            case NORMAL_NONCACHEABLE -> "Normal non-cacheable memory (`nocache`)";
            case DEVICE -> "Device memory";
        };
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Mappings of one memory type may share a page. */
    private static final class SameType implements BiPredicate<Use, Use> {
        @Override
        public boolean test(Use a, Use b) { return a.type() == b.type(); }
    }

    /** By the device's base address, unsigned. */
    private static final class ByDeviceBase implements Comparator<VmModel.Pt> {
        @Override
        public int compare(VmModel.Pt a, VmModel.Pt b) { return Long.compareUnsigned(a.device().base(), b.device().base()); }
    }
}
