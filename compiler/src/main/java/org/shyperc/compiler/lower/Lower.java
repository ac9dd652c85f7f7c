package org.shyperc.compiler.lower;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.ConsolePeers;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;

/**
 * Model' to Plan: drops spans, fixes every order. Only called on a placed instance without errors; its
 * mapping lists are placement's, as the checks saw them.
 */
public final class Lower {
    private Lower() { }

    private static final Comparator<VmPlan.Region> REGION_BY_IPA = new Comparator<>() {
        @Override
        public int compare(VmPlan.Region a, VmPlan.Region b) { return Long.compareUnsigned(a.ipa(), b.ipa()); }
    };

    private static final Comparator<VmPlan.Window> WINDOW_BY_IPA = new Comparator<>() {
        @Override
        public int compare(VmPlan.Window a, VmPlan.Window b) { return Long.compareUnsigned(a.ipa(), b.ipa()); }
    };

    private static final Comparator<VmPlan.SharedWindow> SHARED_WINDOW_BY_IPA = new Comparator<>() {
        @Override
        public int compare(VmPlan.SharedWindow a, VmPlan.SharedWindow b) { return Long.compareUnsigned(a.ipa(), b.ipa()); }
    };

    public static Plan lower(Instance in) {
        BoardModel b = in.board();
        BoardPlan board = board(b);
        BoardModel.Hyp h = b.hyp();
        HypervisorPlan hyp = new HypervisorPlan(h.reserveBase(), h.reserveSize(), h.loadAddress(), h.console(),
                h.timerIrq(), h.ipiSgi(), h.hypercallIrq(), hypColours(b), h.stage2Blocks());
        List<VmPlan> vms = new ArrayList<>();
        for (VmModel vm : in.vms()) vms.add(vm(vm, in));
        List<SharedPlan> shared = new ArrayList<>();
        for (SharedModel s : in.shared()) {
            List<SharedPlan.Mapping> mappings = new ArrayList<>(s.mappings().size());
            for (SharedModel.Mapping m : s.mappings()) mappings.add(new SharedPlan.Mapping(m.vm(), m.ipa(), m.writable()));
            shared.add(new SharedPlan(s.name(), s.pa(), s.size(), mappings));
        }
        List<DoorbellPlan> doorbells = new ArrayList<>();
        for (SharedModel s : in.shared()) {
            for (SharedModel.Doorbell d : s.doorbells()) {
                doorbells.add(new DoorbellPlan(doorbells.size(), s.name(), d.from(), d.to(), d.irq()));
            }
        }
        return new Plan(in.system(), board, hyp, vms, shared, doorbells);
    }

    public static BoardPlan board(BoardModel b) {
        BoardModel.Intc ic = b.intc();
        InterruptControllerPlan intc = new InterruptControllerPlan(ic.kind(), frame(ic.distributor()),
                frame(ic.cpuInterface()), frame(ic.hypInterface()), frame(ic.virtualCpuInterface()),
                frame(ic.redistributor()), frame(ic.plic()), ic.maintenanceIrq(), ic.lines(), ic.compatible());
        List<DevicePlan> devices = new ArrayList<>(b.devices().size());
        for (BoardModel.Device d : b.devices()) {
            devices.add(new DevicePlan(d.name(), d.compatible(), d.base(), d.size(), ids(d.irqs()), d.dtPath(), d.dma(),
                    d.iommu(), d.streamId(), d.properties()));
        }
        List<BoardPlan.CpuPlan> cpus = new ArrayList<>(b.cores().size());
        for (BoardModel.Core c : b.cores()) {
            cpus.add(new BoardPlan.CpuPlan(c.index(), c.mpidr(), c.compatible(), c.enableMethod(), c.releaseAddress()));
        }
        List<BoardPlan.MemoryBank> dram = new ArrayList<>(b.dram().size());
        for (BoardModel.Bank m : b.dram()) dram.add(new BoardPlan.MemoryBank(m.name(), m.base(), m.size()));
        return new BoardPlan(b.name(), b.arch(), b.compatible(), b.model(), cpus, dram, intc, b.timerIrqs(), devices);
    }

    /** INTIDs of a device: a loop, not a stream: a board may have 100k devices. */
    private static List<Integer> ids(List<BoardModel.Irq> irqs) {
        if (irqs.isEmpty()) return List.of();
        Integer[] out = new Integer[irqs.size()];
        for (int k = 0; k < out.length; k++) out[k] = irqs.get(k).id();
        return List.of(out);
    }

    private static InterruptControllerPlan.Frame frame(BoardModel.Frame f) {
        return f == null ? null : new InterruptControllerPlan.Frame(f.base(), f.size());
    }

    private static VmPlan vm(VmModel vm, Instance in) {
        List<VmPlan.Region> memory = new ArrayList<>(vm.memory().size());
        for (VmModel.Mem m : vm.memory()) {
            memory.add(new VmPlan.Region(m.ipa(), m.pa(), m.size(), org.shyperc.compiler.layout.Layout.colouring(in.board(), vm, m)));
        }
        memory.sort(REGION_BY_IPA);
        List<VmPlan.Passthrough> pts = new ArrayList<>(vm.passthrough().size());
        for (VmModel.Pt p : vm.passthrough()) {
            pts.add(new VmPlan.Passthrough(p.device().name(), p.device().base(), p.ipa(), p.device().size(),
                    ids(p.device().irqs())));
        }
        List<VmPlan.Window> windows = new ArrayList<>();
        for (VmModel.Window w : vm.windows()) {
            List<String> devices = new ArrayList<>();
            for (VmModel.Pt p : vm.passthrough()) {
                if (p.window() == w) devices.add(p.device().name());
            }
            windows.add(new VmPlan.Window(w.ipa(), w.pa(), w.size(), devices));
        }
        windows.sort(WINDOW_BY_IPA);
        List<VmPlan.Virtio> virtio = new ArrayList<>();
        for (VmModel.Virtio v : vm.virtio()) {
            VmModel.Virtio peer = v.peer() == null ? null : ConsolePeers.peerConsole(in, vm, v);
            virtio.add(new VmPlan.Virtio(v.kind(), v.ipa(), v.size(), v.irq(),
                    v.disk() == null ? null : new VmPlan.Disk(v.disk().firstSector(), v.disk().sectors()),
                    peer == null ? null : new VmPlan.Peer(v.peer().vm(), peer.ipa()),
                    v.mac() == null ? List.of() : v.mac().bytes()));
        }
        VmModel.ConsoleDev c = vm.console();
        VmPlan.Console console = c == null ? null : new VmPlan.Console(c.compatible(), c.ipa(), c.size());
        VmPlan.VirtualGic vgic = vgic(vm);
        List<VmPlan.SharedWindow> sharedWindows = new ArrayList<>();
        for (SharedModel s : in.shared()) {
            for (SharedModel.Mapping m : s.mappings()) {
                if (m.vm().equals(vm.name())) sharedWindows.add(new VmPlan.SharedWindow(s.name(), m.ipa(), s.pa(), s.size(), m.writable()));
            }
        }
        sharedWindows.sort(SHARED_WINDOW_BY_IPA);
        List<Mapping> mappings = new ArrayList<>(vm.map().size());
        for (MapEntry e : vm.map()) mappings.add(e.mapping());
        List<Integer> cpus = new ArrayList<>(vm.cpus().size());
        for (VmModel.CoreRef r : vm.cpus()) cpus.add(r.core());
        Collections.sort(cpus);
        return new VmPlan(vm.id(), vm.name(), vm.kind(), vm.management(), cpus, memory,
                image(vm.kernel()), image(vm.initrd()), vm.dtbIpa(), vm.bootargs(), pts, virtio, console, vgic, sharedWindows,
                windows, mappings, vm.lifecycle().value());
    }

    private static VmPlan.Image image(VmModel.Payload p) {
        return p == null ? null : new VmPlan.Image(p.path(), p.ipa(), p.entry());
    }

    private static VmPlan.VirtualGic vgic(VmModel vm) {
        long[] f = new long[6];
        for (VmModel.IpaFrame fr : vm.vgic()) {
            switch (fr.name()) {
                case "virtual distributor" -> { f[0] = fr.ipa(); f[1] = fr.size(); }
                case "virtual CPU interface" -> { f[2] = fr.ipa(); f[3] = fr.size(); }
                case "virtual redistributor" -> { f[4] = fr.ipa(); f[5] = fr.size(); }
                default -> { }
            }
        }
        return new VmPlan.VirtualGic(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    /** cache colouring: the hypervisor's own colours on a board where colouring is placed (aarch64, LLC described), else null. */
    static HypervisorPlan.Colours hypColours(BoardModel b) {
        int n = org.shyperc.compiler.layout.Layout.colourCount(b);
        if (n == 0 || b.hyp().colours().isEmpty()) return null;
        java.util.TreeSet<Integer> cs = new java.util.TreeSet<>();
        for (BoardModel.ColourRef c : b.hyp().colours()) if (c.colour() < n) cs.add(c.colour());
        return cs.isEmpty() ? null : new HypervisorPlan.Colours(List.copyOf(cs), n);
    }
}
