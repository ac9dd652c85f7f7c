package org.shyperc.compiler.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Mappings;

/**
 * Each VM's mapping list, made once after placement from everything the VM was given (RAM, shared
 * windows, passthrough devices and windows, virtio, its console, the virtual GIC), through the same
 * {@link Mappings#normalise} a Plan made by hand goes through.
 */
public final class VmMaps {
    private VmMaps() { }

    /** The instance with every VM's mapping list made. */
    public static Instance of(Instance in) { return of(in, Integer.MAX_VALUE); }

    /** The same, the VMs' lists made in parallel from {@code parallelFrom} {@link Instance#items} on. */
    public static Instance of(Instance in, int parallelFrom) {
        Map<String, List<Mappings.Tagged<MapEntry>>> windows = new java.util.HashMap<>();
        for (SharedModel s : in.shared()) {
            for (SharedModel.Mapping m : s.mappings()) {
                List<Mappings.Tagged<MapEntry>> ofVm = windows.get(m.vm());
                if (ofVm == null) {
                    ofVm = new ArrayList<>();
                    windows.put(m.vm(), ofVm);
                }
                ofVm.add(entry(Mapping.Kind.SHARED, s.name(), m.ipa(), s.pa(), s.size(), m.writable(),
                        Mapping.Attributes.of(s.memory()), m.span(), s.span(), false));
            }
        }
        List<VmModel> given = in.vms();
        if (in.items() >= parallelFrom) {
            // a large system only, where linking the stream's lambdas costs nothing against the work
            List<VmModel> vms = given.parallelStream().map(vm -> withMap(in.board(), vm, windows)).toList();
            return in.with(vms, in.shared());
        }
        VmModel[] made = new VmModel[given.size()];
        for (int i = 0; i < made.length; i++) made[i] = withMap(in.board(), given.get(i), windows);
        return in.with(Collections.unmodifiableList(Arrays.asList(made)), in.shared());
    }

    private static VmModel withMap(BoardModel board, VmModel vm, Map<String, List<Mappings.Tagged<MapEntry>>> windows) {
        return vm.withMap(of(board, vm, windows.getOrDefault(vm.name(), List.of())));
    }

    private static List<MapEntry> of(BoardModel board, VmModel vm, List<Mappings.Tagged<MapEntry>> windows) {
        // sized once: a big VM has 100k entries, and growing the list copied it some twenty times
        List<Mappings.Tagged<MapEntry>> given = new ArrayList<>(vm.memory().size() + windows.size() + vm.passthrough().size()
                + vm.windows().size() + vm.virtio().size() + vm.vgic().size() + 1);
        for (VmModel.Mem m : vm.memory()) {
            Mapping.Attributes attrs = m.hugepage() > 0 ? new Mapping.Attributes(Mapping.MemoryType.NORMAL, m.hugepage())
                    : Mapping.Attributes.NORMAL;
            Mappings.Tagged<MapEntry> ram = entry(Mapping.Kind.RAM, "RAM", m.ipa(), m.pa(), m.size(), true, attrs, m.span(),
                    m.span(), false);
            org.shyperc.plan.Colouring c = Layout.colouring(board, vm, m);
            given.add(c == null ? ram : new Mappings.Tagged<>(ram.mapping().coloured(c), ram.tag()));
        }
        given.addAll(windows);
        for (VmModel.Pt p : vm.passthrough()) {
            if (p.window() != null) continue; // mapped as part of its window
            given.add(entry(Mapping.Kind.PASSTHROUGH, p.device().name(), p.ipa(), p.device().base(), p.device().size(), true,
                    Mapping.Attributes.of(p.memory()), p.span(), p.device().span(), false));
        }
        for (VmModel.Window w : vm.windows()) {
            given.add(entry(Mapping.Kind.WINDOW, Mappings.WINDOW_NAME, w.ipa(), w.pa(), w.size(), true, Mapping.Attributes.of(w.memory()),
                    w.span(), w.span(), false));
        }
        for (VmModel.Virtio v : vm.virtio()) {
            given.add(entry(Mapping.Kind.VIRTIO, v.kind(), v.ipa(), Mapping.NO_PA, v.size(), true, v.span(), v.span(), false));
        }
        VmModel.ConsoleDev c = vm.console();
        if (c != null) {
            boolean implicit = c.span() == null;
            SourceSpan at = implicit ? vm.span() : c.span();
            given.add(entry(Mapping.Kind.CONSOLE, c.compatible(), c.ipa(), Mapping.NO_PA, c.size(), true, at, at, implicit));
        }
        BoardModel.Intc ic = board.intc();
        for (VmModel.IpaFrame f : vm.vgic()) {
            Mapping.Kind kind = switch (f.name()) {
                case "virtual distributor" -> Mapping.Kind.VGIC_DISTRIBUTOR;
                case "virtual CPU interface" -> Mapping.Kind.VGIC_CPU_INTERFACE;
                case "virtual redistributor" -> Mapping.Kind.VGIC_REDISTRIBUTOR;
                default -> Mapping.Kind.VIRTUAL_PLIC;
            };
            String name = switch (kind) {
                case VGIC_DISTRIBUTOR -> "distributor";
                case VGIC_CPU_INTERFACE -> "CPU interface";
                case VGIC_REDISTRIBUTOR -> "redistributor";
                default -> "PLIC";
            };
            long pa = kind == Mapping.Kind.VGIC_CPU_INTERFACE && ic.virtualCpuInterface() != null
                    ? ic.virtualCpuInterface().base() : Mapping.NO_PA;
            given.add(entry(kind, name, f.ipa(), pa, f.size(), true, ic.span(), ic.span(), true));
        }
        List<MapEntry> out = new ArrayList<>(given.size());
        for (Mappings.Tagged<MapEntry> t : Mappings.normalise(given)) {
            MapEntry e = t.tag();
            // most entries come back as they were given: the entry made with them is the one kept
            out.add(t.mapping() == e.mapping() ? e : new MapEntry(t.mapping(), e.span(), e.source(), e.implicit()));
        }
        return out;
    }

    /**
     * An entry as given, tagged with its MapEntry (where it came from), carried through {@link Mappings#normalise};
     * an entry that normalising widens, merges or colours gets a new MapEntry with the same origin.
     */
    private static Mappings.Tagged<MapEntry> entry(Mapping.Kind kind, String name, long ipa, long pa, long size, boolean writable,
                                                   SourceSpan span, SourceSpan source, boolean implicit) {
        return entry(kind, name, ipa, pa, size, writable, Mappings.defaults(kind), span, source, implicit);
    }

    private static Mappings.Tagged<MapEntry> entry(Mapping.Kind kind, String name, long ipa, long pa, long size, boolean writable,
                                                   Mapping.Attributes attributes, SourceSpan span, SourceSpan source,
                                                   boolean implicit) {
        Mapping m = Mappings.mapping(kind, name, ipa, pa, size, writable, attributes);
        return new Mappings.Tagged<>(m, new MapEntry(m, span, source, implicit));
    }
}
