package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Intervals;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.Mapping;

/**
 * SHY0502: no 4 KiB page holds MMIO given to different VMs, or MMIO of a VM and a frame the
 * hypervisor keeps (its console, the GIC); and a page one VM is given is mapped once, at one IPA
 * (two of its devices in one page, moved apart, would map it twice). Page-widened ranges, sort and
 * sweep.
 */
public final class SubpageSharing implements Check {
    private static final String HYPERVISOR = "the hypervisor";
    private static final BiPredicate<Place, Place> SAME_OWNER = new SameOwner();

    @Override
    public Code code() { return Codes.SUBPAGE_SHARING; }

    @Override
    public List<Code> prerequisites() {
        return List.of(Codes.ADDRESS_OVERFLOW, Codes.DEVICE_SHARED, Codes.HYPERVISOR_DEVICE);
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel board = in.board();
        int n = board.intc().frames().size() + 1;
        for (VmModel vm : in.vms()) n += vm.passthrough().size() + vm.windows().size();
        List<Intervals.Item<Place>> items = new ArrayList<>(n); // sized once: a big system passes 100k devices through
        for (VmModel vm : in.vms()) {
            twiceInOneVm(vm, out);
            String owner = "vm `" + vm.name() + "`";
            for (VmModel.Pt p : vm.passthrough()) {
                if (out.skips(p.span())) continue;
                BoardModel.Device d = p.device();
                add(items, new Place(owner, new DeviceOfVm(d, vm), d.base(), d.size(), p.span()));
            }
            for (VmModel.Window w : vm.windows()) {
                if (out.skips(w.span())) continue;
                add(items, new Place(owner, new WindowOfVm(w, vm), w.pa(), w.size(), w.span()));
            }
        }
        BoardModel.Device console = board.device(board.hyp().console());
        // a console handed to a VM (`console to`) is shared with it by design
        if (console != null && in.consoleOwner() == null && !out.skips(console.span())) {
            add(items, new Place(HYPERVISOR, new HypervisorConsole(console), console.base(), console.size(), board.hyp().consoleSpan()));
        }
        for (BoardModel.Frame f : board.intc().frames()) {
            if (out.skips(f.span())) continue;
            add(items, new Place(HYPERVISOR, new ControllerFrame(f), f.base(), f.size(), f.span()));
        }
        for (Intervals.Overlap<Place> o : Intervals.overlaps(items, SAME_OWNER)) {
            Place[] p = Place.laterFirst(o.later().owner(), o.earlier().owner());
            Place a = p[0];
            Place b = p[1];
            if (a.owner().equals(HYPERVISOR)) {
                Place t = a;
                a = b;
                b = t;
            }
            long page = Addr.pageDown(Long.compareUnsigned(a.base(), b.base()) > 0 ? a.base() : b.base());
            out.report(a.span(), capital(a.what()) + " shares the 4 KiB page at " + Hex.of(page) + " with "
                    + b.what() + "; " + a.owner() + " could reach " + (b.owner().equals(HYPERVISOR) ? "it" : "the other device")
                    + " through it.")
                    .related(b.span(), b.what() + (b.owner().equals(HYPERVISOR) ? " is declared here" : " is passed through here"))
                    .hint("Give both devices to the same VM, or leave one of them out.");
        }
    }

    /** From the VM's mapping list: devices in one page at one IPA offset are one mapping; at two offsets, two that overlap. */
    private static void twiceInOneVm(VmModel vm, Reporter out) {
        List<Intervals.Item<MapEntry>> pages = new ArrayList<>();
        for (MapEntry e : vm.map()) {
            Mapping m = e.mapping();
            if (m.kind() != Mapping.Kind.PASSTHROUGH && m.kind() != Mapping.Kind.WINDOW || m.size() == 0 || out.skips(e.span())) continue;
            pages.add(new Intervals.Item<>(m.pa(), Addr.end(m.pa(), m.size()), e));
        }
        for (Intervals.Overlap<MapEntry> o : Intervals.overlaps(pages)) {
            MapEntry a = o.later().owner();
            MapEntry b = o.earlier().owner();
            if (a.span().compareTo(b.span()) < 0) {
                MapEntry t = a;
                a = b;
                b = t;
            }
            long page = Long.compareUnsigned(a.mapping().pa(), b.mapping().pa()) > 0 ? a.mapping().pa() : b.mapping().pa();
            out.report(a.span(), "In vm `" + vm.name() + "`, " + a.what() + " shares the 4 KiB page at " + Hex.of(page) + " with "
                    + b.what() + " but sits at another IPA offset, so stage 2 would map the page twice.")
                    .related(b.span(), b.what() + " is passed through here")
                    .hint("Move both by the same amount, or pass both through at their own addresses.");
        }
    }

    private static void add(List<Intervals.Item<Place>> items, Place p) {
        if (p.size() == 0) return;
        items.add(new Intervals.Item<>(Addr.pageDown(p.base()), Addr.pageUp(p.end()), p));
    }

    private static String capital(String s) { return PaOverlap.capital(s); }

    /** Two places of one owner may share a page. */
    private static final class SameOwner implements BiPredicate<Place, Place> {
        @Override
        public boolean test(Place a, Place b) { return OwnerNames.same(a.owner(), b.owner()); }
    }

    /** "device `uart1` of vm `rt`", put into words only for a message. */
    private static final class DeviceOfVm implements Supplier<String> {
        private final BoardModel.Device device;
        private final VmModel vm;

        DeviceOfVm(BoardModel.Device device, VmModel vm) {
            this.device = device;
            this.vm = vm;
        }

        @Override
        public String get() { return "device `" + device.name() + "` of vm `" + vm.name() + "`"; }
    }

    /** "the passthrough window of vm `rt` at PA 0x0900_0000". */
    private static final class WindowOfVm implements Supplier<String> {
        private final VmModel.Window window;
        private final VmModel vm;

        WindowOfVm(VmModel.Window window, VmModel vm) {
            this.window = window;
            this.vm = vm;
        }

        @Override
        public String get() { return "the passthrough window of vm `" + vm.name() + "` at PA " + Hex.of(window.pa()); }
    }

    /** "the hypervisor's console `uart0`". */
    private static final class HypervisorConsole implements Supplier<String> {
        private final BoardModel.Device console;

        HypervisorConsole(BoardModel.Device console) { this.console = console; }

        @Override
        public String get() { return "the hypervisor's console `" + console.name() + "`"; }
    }

    /** "the interrupt controller's distributor". */
    private static final class ControllerFrame implements Supplier<String> {
        private final BoardModel.Frame frame;

        ControllerFrame(BoardModel.Frame frame) { this.frame = frame; }

        @Override
        public String get() { return "the interrupt controller's " + frame.name(); }
    }
}
