package org.shyperc.compiler.bind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MacAddress;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.ast.ConsoleDecl;
import org.shyperc.dsl.ast.Ident;
import org.shyperc.dsl.ast.OnBlock;
import org.shyperc.dsl.ast.SharedDecl;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.ast.VmDecl;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.ast.VmItem;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Lifecycle;
import org.shyperc.plan.VmPlan;

/** Binds a system to one of its boards: overrides applied, names resolved, values typed. */
final class SystemBinder {
    static final long PAGE = 4096;
    /** Room kept for a generated device tree; `build` checks the real one fits. */
    public static final long DTB_MAX = VmModel.DTB_MAX;

    private final List<Diagnostic> out;
    private final Values values;
    /** The current board's devices by name: a board may have thousands, looked up per passthrough. */
    private Map<String, BoardModel.Device> devices = Map.of();
    /** The VM the board's console is handed to in the instance being bound, or null. */
    private Instance.ConsoleOwner consoleOwner;
    /** The VMs of the instance being bound (a console's peer must be one). */
    private Set<String> vmNames = Set.of();
    /** "Did you mean" for this instance's unknown device and VM names. */
    private NameHints hints;

    /** From how many VM items the VMs of one instance bind in parallel. */
    private final int parallelFrom;

    SystemBinder(List<Diagnostic> out, Set<SourceSpan> unreadable, int parallelFrom) {
        this.out = out;
        this.values = new Values(out, unreadable);
        this.parallelFrom = parallelFrom;
    }

    /** A binder for one VM of the instance being bound, with its own findings: VMs bind independently. */
    private SystemBinder forOneVm(List<Diagnostic> out, Set<SourceSpan> unreadable) {
        SystemBinder b = new SystemBinder(out, unreadable, Integer.MAX_VALUE);
        b.devices = devices;
        b.consoleOwner = consoleOwner;
        b.vmNames = vmNames;
        b.hints = hints;
        return b;
    }

    /** The system's `for` list as written, its first eight boards at most: a hint per unknown `on` repeated all of it. */
    private static String forList(SystemDecl sys) {
        List<String> names = new ArrayList<>();
        for (Ident b : sys.boards()) {
            if (names.size() == 8) {
                names.add("…");
                break;
            }
            names.add(b.text());
        }
        return String.join(", ", names);
    }

    /** Reports problems that do not depend on the board (once per system, not once per board). */
    void checkOverrides(SystemDecl sys) {
        Set<String> targets = new HashSet<>();
        for (Ident b : sys.boards()) targets.add(b.text());
        Names.Index near = null; // made at the first unknown board: a system may list thousands
        for (OnBlock on : sys.overrides()) {
            if (!targets.contains(on.board().text())) {
                if (near == null) near = Names.Index.of(targets);
                out.add(Diagnostic.of(Codes.UNKNOWN_NAME, on.board().span(), "`" + on.board().text()
                        + "` is not a board of system `" + sys.name().text() + "`.")
                        .hint(BoardBinder.hintOr(near.didYouMean(on.board().text()),
                                "Add it to `for " + forList(sys) + "`.")).build());
            }
            for (VmDecl o : on.vms()) checkRedeclared(sys, on, o);
        }
    }

    /**
     * An override of a declared VM writes no kind: a kind makes it a second declaration, whose kind
     * and modifiers binding would otherwise ignore without a word.
     */
    private void checkRedeclared(SystemDecl sys, OnBlock on, VmDecl o) {
        if (o.kind() == null) return;
        VmDecl base = null;
        for (VmDecl v : sys.vms()) {
            if (v.name().text().equals(o.name().text())) {
                base = v;
                break;
            }
        }
        if (base == null) return;
        SourceSpan last = o.modifiers().isEmpty() ? o.kind().span() : o.modifiers().get(o.modifiers().size() - 1).span();
        String name = o.name().text();
        out.add(Diagnostic.of(Codes.DUPLICATE, new SourceSpan(last.file(), o.kind().span().start(), last.end()),
                "VM `" + name + "` is declared already; `on " + on.board().text()
                + "` may replace its items but not give it a kind or modifiers.")
                .related(base.name().span(), "VM `" + name + "` is declared here")
                .hint("Write `vm " + name + " { ... }` to override its items; a VM of another kind needs another name.")
                .build());
    }

    /** Binds the system for one board. Problems repeat per board; the compiler drops duplicates. */
    Instance bind(SystemDecl sys, BoardModel board) {
        devices = new java.util.HashMap<>(board.devices().size() * 2);
        for (BoardModel.Device d : board.devices()) devices.putIfAbsent(d.name(), d);
        Map<String, VmDecl> base = new LinkedHashMap<>();
        for (VmDecl vm : sys.vms()) {
            VmDecl prev = base.putIfAbsent(vm.name().text(), vm);
            if (prev != null) {
                out.add(Diagnostic.of(Codes.DUPLICATE, vm.name().span(), "The VM `" + vm.name().text()
                        + "` is declared twice.").related(prev.name().span(), "the first is here").build());
            }
        }
        Map<String, SharedDecl> shared = new LinkedHashMap<>();
        for (SharedDecl s : sys.shared()) {
            SharedDecl prev = shared.putIfAbsent(s.name().text(), s);
            if (prev != null) {
                out.add(Diagnostic.of(Codes.DUPLICATE, s.name().span(), "The shared region `" + s.name().text()
                        + "` is declared twice.").related(prev.name().span(), "the first is here").build());
            }
        }
        Map<String, List<VmItem>> vmItems = new LinkedHashMap<>();
        Map<String, VmDecl> vmDecls = new LinkedHashMap<>(base);
        for (Map.Entry<String, VmDecl> e : base.entrySet()) vmItems.put(e.getKey(), new ArrayList<>(e.getValue().items()));
        for (OnBlock on : sys.overrides()) {
            if (!on.board().text().equals(board.name())) continue;
            for (VmDecl o : on.vms()) applyOverride(o, vmDecls, vmItems);
            for (SharedDecl s : on.shared()) shared.put(s.name().text(), s);
        }
        consoleOwner = consoleOwner(sys, board, vmDecls.keySet());
        vmNames = vmDecls.keySet();
        hints = new NameHints(board, vmNames);
        Path folder = folderOf(sys.span());
        List<VmModel> vms = bindVms(new ArrayList<>(vmDecls.values()), vmItems, board, folder);
        List<SharedModel> sharedModels = new ArrayList<>();
        for (SharedDecl s : shared.values()) {
            SharedModel m = bindShared(s, vmNames);
            if (m != null) sharedModels.add(m);
        }
        return new Instance(sys.name().text(), sys.name().span(), board, vms, sharedModels, consoleOwner);
    }

    /**
     * The VMs in declaration order. A VM reads only the board and the system's names, so in a large
     * system (from {@link org.shyperc.compiler.check.CheckRunner#PARALLEL_FROM} items) they bind in
     * parallel, each into its own findings, which are then taken in declaration order: the same
     * result as one by one.
     */
    private List<VmModel> bindVms(List<VmDecl> decls, Map<String, List<VmItem>> items, BoardModel board, Path folder) {
        int size = 0;
        for (VmDecl d : decls) size += items.get(d.name().text()).size();
        if (decls.size() < 2 || size < parallelFrom) {
            List<VmModel> vms = new ArrayList<>(decls.size());
            for (VmDecl d : decls) vms.add(bindVm(vms.size(), d, items.get(d.name().text()), board, folder));
            return vms;
        }
        // a large system only, where linking the stream's lambdas costs nothing against the work
        record Bound(VmModel vm, List<Diagnostic> out, Set<SourceSpan> unreadable) { }
        List<Bound> bound = java.util.stream.IntStream.range(0, decls.size()).parallel().mapToObj(i -> {
            VmDecl d = decls.get(i);
            List<Diagnostic> found = new ArrayList<>();
            Set<SourceSpan> unread = new HashSet<>();
            VmModel vm = forOneVm(found, unread).bindVm(i, d, items.get(d.name().text()), board, folder);
            return new Bound(vm, found, unread);
        }).toList();
        List<VmModel> vms = new ArrayList<>(decls.size());
        for (Bound b : bound) {
            vms.add(b.vm());
            out.addAll(b.out());
            values.markUnreadable(b.unreadable());
        }
        return vms;
    }

    /**
     * `console to VM`: the system's, replaced by the board's `on` block's. A second one in the same
     * place is SHY0204; a VM the system does not declare SHY0203.
     */
    private Instance.ConsoleOwner consoleOwner(SystemDecl sys, BoardModel board, Set<String> names) {
        List<ConsoleDecl> decls = new ArrayList<>(sys.consoles());
        for (OnBlock on : sys.overrides()) {
            if (on.board().text().equals(board.name()) && !on.consoles().isEmpty()) decls = new ArrayList<>(on.consoles());
        }
        if (decls.isEmpty()) return null;
        ConsoleDecl first = decls.get(0);
        for (ConsoleDecl d : decls.subList(1, decls.size())) {
            out.add(Diagnostic.of(Codes.DUPLICATE, d.span(), "The board's console is handed to a VM twice.")
                    .related(first.span(), "the first is here").hint("Give it to one VM with one `console to VM`.").build());
        }
        String vm = first.vm().text();
        if (!names.contains(vm)) {
            out.add(Diagnostic.of(Codes.UNKNOWN_NAME, first.vm().span(), "`console to " + vm
                    + "` names a VM the system does not declare.").hint(Names.didYouMean(vm, names)).build());
            return null;
        }
        if (devices.get(board.hyp().console()) == null) return null; // the board's own error
        return new Instance.ConsoleOwner(vm, first.span());
    }

    private void applyOverride(VmDecl o, Map<String, VmDecl> decls, Map<String, List<VmItem>> items) {
        String name = o.name().text();
        if (!decls.containsKey(name)) {
            if (o.kind() == null) {
                out.add(Diagnostic.of(Codes.UNKNOWN_NAME, o.name().span(), "`on` overrides VM `" + name
                        + "`, which the system does not declare.").hint(BoardBinder.hintOr(
                        Names.didYouMean(name, decls.keySet()), "To add a VM for this board only, give its kind: `vm "
                        + name + " : linux { ... }`.")).build());
                return;
            }
            decls.put(name, o);
            items.put(name, new ArrayList<>(o.items()));
            return;
        }
        Set<Object> replaced = new HashSet<>();
        for (VmItem i : o.items()) replaced.add(kindOf(i));
        List<VmItem> merged = new ArrayList<>();
        for (VmItem i : items.get(name)) {
            if (!replaced.contains(kindOf(i))) merged.add(i);
        }
        merged.addAll(o.items());
        items.put(name, merged);
    }

    /** A window is a passthrough: an override giving either replaces both. An `on EVENT` replaces that event's only. */
    private static Object kindOf(VmItem i) {
        if (i instanceof VmItem.On on) return "on " + on.event().text();
        return i instanceof VmItem.PassthroughWindow ? VmItem.Passthrough.class : i.getClass();
    }

    /** The lifecycle items of one VM: `on EVENT POLICY`, `start MODE`, `watchdog N ms` (SHY1501-SHY1504). */
    private final class LifeBinder {
        private final String vm;
        private final BoardBinder.SingleItems once;
        private final Map<Lifecycle.Event, SourceSpan> events = new java.util.EnumMap<>(Lifecycle.Event.class);
        private Lifecycle value = Lifecycle.DEFAULT;
        private SourceSpan start;
        private SourceSpan watchdog;
        private SourceSpan first;

        LifeBinder(String vm, BoardBinder.SingleItems once) {
            this.vm = vm;
            this.once = once;
        }

        VmModel.Life result() { return first == null ? VmModel.Life.DEFAULT : new VmModel.Life(value, start, watchdog, first); }

        /** Whether the item is a lifecycle item (bound here). */
        boolean bind(VmItem item) {
            if (item instanceof VmItem.On on) {
                noteFirst(on.span());
                Lifecycle.Event e = Lifecycle.Event.of(on.event().text());
                if (e == null) {
                    List<String> names = new ArrayList<>();
                    for (Lifecycle.Event ev : Lifecycle.Event.values()) names.add(ev.keyword());
                    out.add(Diagnostic.of(Codes.LIFECYCLE_EVENT, on.event().span(), "`" + on.event().text()
                            + "` is not an event of a VM.").hint(BoardBinder.hintOr(Names.didYouMean(on.event().text(), names),
                            "Write `on fault`, `on off` or `on reset`.")).build());
                }
                Lifecycle.Policy p = Lifecycle.Policy.of(on.policy().text());
                if (p == null) {
                    List<String> names = new ArrayList<>();
                    for (Lifecycle.Policy po : Lifecycle.Policy.values()) names.add(po.keyword());
                    out.add(Diagnostic.of(Codes.LIFECYCLE_POLICY, on.policy().span(), "`" + on.policy().text()
                            + "` is not a policy.").hint(BoardBinder.hintOr(Names.didYouMean(on.policy().text(), names),
                            "A policy is `restart`, `halt` or `stop-system`.")).build());
                }
                if (e == null) return true;
                SourceSpan prev = events.putIfAbsent(e, on.span());
                if (prev != null) {
                    out.add(Diagnostic.of(Codes.DUPLICATE, on.span(), "VM `" + vm + "` says twice what `" + e.keyword()
                            + "` does.").related(prev, "the first is here").hint("Keep one `on " + e.keyword() + "`.").build());
                    return true;
                }
                if (p != null) value = value.with(e, p);
                return true;
            }
            if (item instanceof VmItem.Start st) {
                noteFirst(st.span());
                if (!once.first("start", st.span())) return true;
                start = st.span();
                switch (st.mode().text()) {
                    case "boot" -> value = value.withWaits(false);
                    case "waiting" -> value = value.withWaits(true);
                    default -> out.add(Diagnostic.of(Codes.START_MODE, st.mode().span(), "`start " + st.mode().text()
                            + "` is not a way to start a VM.").hint(BoardBinder.hintOr(Names.didYouMean(st.mode().text(),
                            List.of("boot", "waiting")), "Write `start boot` or `start waiting`.")).build());
                }
                return true;
            }
            if (item instanceof VmItem.Watchdog w) {
                noteFirst(w.span());
                if (!once.first("watchdog", w.span())) return true;
                boolean ok = true;
                if (w.period().unit() != Value.Unit.NONE) {
                    out.add(Diagnostic.of(Codes.WATCHDOG_UNIT, w.period().span(), "A watchdog period is a time, not a size.")
                            .hint("Write the period in milliseconds, without a binary unit: `watchdog N ms`.").build());
                    ok = false;
                }
                if (!w.unit().text().equals("ms")) {
                    out.add(Diagnostic.of(Codes.WATCHDOG_UNIT, w.unit().span(), "`" + w.unit().text()
                            + "` is not a unit of the watchdog period.").hint(BoardBinder.hintOr(
                            Names.didYouMean(w.unit().text(), List.of("ms")), "Write the period in milliseconds: `watchdog "
                            + (w.unit().text().equals("s") ? w.period().value().multiply(java.math.BigInteger.valueOf(1000))
                            : w.period().value()) + " ms`.")).build());
                    ok = false;
                }
                java.math.BigInteger v = w.period().value();
                int ms = v.bitLength() > 31 ? Integer.MAX_VALUE : v.intValue();
                if (ok) {
                    value = value.withWatchdogMs(ms);
                    watchdog = w.span(); // only a period that was read: SHY1505 judges it
                }
                return true;
            }
            return false;
        }

        private void noteFirst(SourceSpan s) {
            if (first == null) first = s;
        }
    }

    private VmModel bindVm(int id, VmDecl decl, List<VmItem> items, BoardModel board, Path folder) {
        String name = decl.name().text();
        VmPlan.Kind kind = null;
        boolean swapped = decl.kind() != null && decl.kind().text().equals("management") && decl.modifiers().size() == 1
                && (decl.modifiers().get(0).text().equals("linux") || decl.modifiers().get(0).text().equals("baremetal"));
        if (decl.kind() == null) {
            out.add(Diagnostic.of(Codes.MISSING, decl.name().span(), "VM `" + name + "` has no kind.")
                    .hint("Write `vm " + name + " : linux { ... }` or `: baremetal`.").build());
        } else if (swapped) {
            // `vm a : management linux`: the two words swapped, one slip (it was two errors, one for each word)
            Ident k = decl.modifiers().get(0);
            out.add(Diagnostic.of(Codes.UNKNOWN_KEY, new SourceSpan(decl.kind().span().file(), decl.kind().span().start(),
                    k.span().end()), "The VM's kind comes before `management`: `" + k.text() + " management`, not `management "
                    + k.text() + "`.").hint("Write `vm " + name + " : " + k.text() + " management { ... }`.").build());
            kind = k.text().equals("linux") ? VmPlan.Kind.LINUX : VmPlan.Kind.BAREMETAL;
        } else {
            kind = switch (decl.kind().text()) {
                case "linux" -> VmPlan.Kind.LINUX;
                case "baremetal" -> VmPlan.Kind.BAREMETAL;
                default -> {
                    out.add(Diagnostic.of(Codes.UNKNOWN_KEY, decl.kind().span(), "`" + decl.kind().text()
                            + "` is not a VM kind.").hint(BoardBinder.hintOr(Names.didYouMean(decl.kind().text(),
                            List.of("linux", "baremetal")), "A VM is `linux` or `baremetal`.")).build());
                    yield null;
                }
            };
        }
        boolean management = swapped;
        SourceSpan managementSpan = swapped ? decl.kind().span() : null;
        for (Ident m : swapped ? List.<Ident>of() : decl.modifiers()) {
            if (m.text().equals("management")) {
                management = true;
                managementSpan = m.span();
            } else {
                out.add(Diagnostic.of(Codes.UNKNOWN_KEY, m.span(), "`" + m.text() + "` is not a VM modifier.")
                        .hint(BoardBinder.hintOr(Names.didYouMean(m.text(), List.of("management")),
                                "The only modifier is `management`.")).build());
            }
        }
        BoardBinder.SingleItems once = new BoardBinder.SingleItems(out, "VM `" + name + "`");
        List<VmModel.CoreRef> cpus = new ArrayList<>();
        List<VmModel.Mem> memory = new ArrayList<>();
        VmModel.Payload kernel = null;
        VmModel.Payload initrd = null;
        Long dtb = null;
        SourceSpan dtbSpan = null;
        String bootargs = "";
        SourceSpan bootargsSpan = null;
        List<VmModel.Pt> pts = new ArrayList<>();
        List<VmModel.Window> windows = new ArrayList<>();
        List<VmModel.Virtio> virtio = new ArrayList<>();
        VmModel.ConsoleDev console = null;
        VmModel.Colours colours = null;
        boolean hadCpus = false;
        boolean hadKernel = false;
        // keyed by the object `devices` binds each name to, so identity is the name; an IdentityHashMap is one flat
        // table, no entry object per device (a VM may pass 100k devices through)
        Map<BoardModel.Device, SourceSpan> passedThrough = new java.util.IdentityHashMap<>(items.size());
        LifeBinder life = new LifeBinder(name, once);
        for (VmItem item : items) {
            if (life.bind(item)) continue;
            if (item instanceof VmItem.Cpus c && once.first("cpus", c.span(), "List every core in one `cpus [..]`.")) {
                hadCpus |= !c.cpus().items().isEmpty(); // `cpus []` is no core, like no `cpus` at all
                Set<Integer> seen = new HashSet<>();
                for (Values.Ranged r : values.numbers(c.cpus(), "core", 1023)) {
                    if (!seen.add(r.value())) {
                        out.add(Diagnostic.of(Codes.DUPLICATE, r.span(), "Core " + r.value() + " is listed twice in VM `"
                                + name + "`.").build());
                    } else {
                        cpus.add(new VmModel.CoreRef(r.value(), r.span()));
                    }
                }
            } else if (item instanceof VmItem.Memory m) {
                // kept even when a number could not be read, so the VM's RAM is never silently smaller
                // than written: the region is then unreadable and every judgment against it is skipped
                int before = values.unread();
                long ipa = values.addressOrZero(m.ipa(), "memory IPA");
                long size = values.sizeOrZero(m.size());
                values.unitForgotten(m.size(), "this RAM region");
                long pa = m.pa() == null ? -1 : values.addressOrZero(m.pa(), "memory PA");
                values.markIfUnread(before, m.span());
                MemAttrs.Read attrs = MemAttrs.read(m.attrs(), MemAttrs.Place.RAM, values, out);
                memory.add(new VmModel.Mem(ipa, size, pa, m.pa() != null, m.span(),
                        attrs.hugepage(), attrs.hugepageSpan()));
            } else if (item instanceof VmItem.Kernel k && once.first("kernel", k.span())) {
                hadKernel = true;
                int before = values.unread();
                Long ipa = values.address(k.ipa(), "kernel IPA");
                Long entry = k.entry() == null ? ipa : values.address(k.entry(), "entry point");
                kernel = payload("kernel", k.path(), folder, orZero(ipa), entry == null ? orZero(ipa) : entry, k.span(),
                        k.entry() == null ? k.span() : k.entry().span());
                values.markIfUnread(before, k.span());
            } else if (item instanceof VmItem.Initrd i && once.first("initrd", i.span())) {
                int before = values.unread();
                Long ipa = values.address(i.ipa(), "initrd IPA");
                initrd = payload("initrd", i.path(), folder, orZero(ipa), orZero(ipa), i.span(), i.span());
                values.markIfUnread(before, i.span());
            } else if (item instanceof VmItem.Dtb d && once.first("dtb", d.span())) {
                int before = values.unread();
                dtb = orZero(values.address(d.ipa(), "device tree IPA"));
                values.markIfUnread(before, d.span());
                dtbSpan = d.span();
            } else if (item instanceof VmItem.Bootargs b && once.first("bootargs", b.span())) {
                bootargs = b.value().value();
                bootargsSpan = b.span();
            } else if (item instanceof VmItem.Passthrough p) {
                BoardModel.Device dev = devices.get(p.device().text());
                if (dev == null) {
                    out.add(Diagnostic.of(Codes.UNKNOWN_NAME, p.device().span(), "Board `" + board.name()
                            + "` has no device `" + p.device().text() + "`.").hint(hints.device(p.device().text()))
                            .related(board.span(), "the board is declared here").build());
                    continue;
                }
                SourceSpan firstPt = passedThrough.putIfAbsent(dev, p.span());
                if (firstPt != null) {
                    out.add(Diagnostic.of(Codes.DUPLICATE, p.span(), "Device `" + dev.name()
                            + "` is passed through to VM `" + name + "` twice.").related(firstPt, "the first is here")
                            .hint("Keep one `passthrough " + dev.name() + "`.").build());
                    continue;
                }
                int before = values.unread();
                long ipa = p.ipa() == null ? dev.base() : values.addressOrZero(p.ipa(), "passthrough IPA");
                values.markIfUnread(before, p.span());
                MemAttrs.Read attrs = MemAttrs.read(p.attrs(), MemAttrs.Place.PASSTHROUGH, values, out);
                pts.add(new VmModel.Pt(dev, ipa, p.span(), null, orDevice(attrs.memory())));
            } else if (item instanceof VmItem.PassthroughWindow w) {
                int before = values.unread();
                Long ipa = values.address(w.ipa(), "window IPA");
                Long size = values.size(w.size());
                Long pa = w.pa() == null ? ipa : values.address(w.pa(), "window PA");
                values.markIfUnread(before, w.span());
                MemAttrs.Read attrs = MemAttrs.read(w.attrs(), MemAttrs.Place.PASSTHROUGH, values, out);
                VmModel.Window win = new VmModel.Window(orZero(ipa), orZero(pa), orZero(size), w.span(), orDevice(attrs.memory()));
                windows.add(win);
                for (BoardModel.Device dev : board.devices()) {
                    if (!intersects(dev.base(), dev.size(), win.pa(), win.size())) continue;
                    // keyed by the device its name binds to: a board that names two devices alike (reported) has one
                    SourceSpan firstPt = passedThrough.putIfAbsent(devices.get(dev.name()), w.span());
                    if (firstPt != null) {
                        out.add(Diagnostic.of(Codes.DUPLICATE, w.span(), "Device `" + dev.name() + "` is passed through to VM `"
                                + name + "` twice: this window covers it.").related(firstPt, "it is given here too")
                                .hint("Leave it out of one: split the window around it, or drop its own `passthrough`.").build());
                        continue;
                    }
                    // a device the window cuts (SHY0507) keeps the window's offset; it never wraps below IPA 0
                    long offset = dev.base() - win.pa();
                    pts.add(new VmModel.Pt(dev, Long.compareUnsigned(dev.base(), win.pa()) >= 0 ? win.ipa() + offset
                            : win.ipa(), w.span(), win, win.memory()));
                }
            } else if (item instanceof VmItem.Virtio v) {
                String k = v.kind().text();
                List<String> kinds = List.of("blk", "console", "net");
                if (!kinds.contains(k)) {
                    out.add(Diagnostic.of(Codes.UNKNOWN_KEY, v.kind().span(), "`virtio " + k
                            + "` is not a virtio device shyperc can emulate.").hint(BoardBinder.hintOr(
                            Names.didYouMean(k, kinds), "Use `blk`, `console` or `net`.")).build());
                    continue;
                }
                int before = values.unread();
                long ipa = values.addressOrZero(v.ipa(), "virtio IPA");
                long size = v.size() == null ? PAGE : values.sizeOrZero(v.size());
                int irq = values.countOrZero(v.irq(), "interrupt", 4095);
                values.markIfUnread(before, v.span());
                VirtioSettings vs = new VirtioSettings(k, v);
                virtio.add(new VmModel.Virtio(k, ipa, size, irq, v.span(), v.irq().span(),
                        vs.disk, vs.peer, vs.mac));
            } else if (item instanceof VmItem.Console c && once.first("console", c.span())) {
                int before = values.unread();
                Long ipa = values.address(c.ipa(), "console IPA");
                values.markIfUnread(before, c.span());
                BoardModel.Device hc = devices.get(board.hyp().console());
                if (hc != null) console = new VmModel.ConsoleDev(hc.compatible(), orZero(ipa), PAGE, c.span());
            } else if (item instanceof VmItem.Colours c && once.first("colours", c.span(), "List every colour in one `colours [..]`.")) {
                // cache colouring
                if (c.colours() instanceof Value.ListLit l) {
                    List<BoardModel.ColourRef> listed = new ArrayList<>();
                    Set<Integer> seen = new HashSet<>();
                    for (Values.Ranged r : values.numbers(l, "colour", 4095)) {
                        if (!seen.add(r.value())) {
                            out.add(Diagnostic.of(Codes.DUPLICATE, r.span(), "Colour " + r.value() + " is listed twice in VM `"
                                    + name + "`.").build());
                        } else {
                            listed.add(new BoardModel.ColourRef(r.value(), r.span()));
                        }
                    }
                    colours = new VmModel.Colours(listed, -1, c.shared(), c.span(), List.of());
                } else {
                    Integer n = values.count(c.colours(), "number of colours", 4095);
                    if (n != null) colours = new VmModel.Colours(List.of(), n, c.shared(), c.span(), List.of());
                }
            }
        }
        if (!hadCpus) {
            out.add(Diagnostic.of(Codes.NO_CORE, decl.name().span(), "VM `" + name + "` has no core.")
                    .hint("Give it one with `cpus [n]`.").build());
        }
        if (memory.isEmpty() && !hasMemory(items)) {
            out.add(Diagnostic.of(Codes.MISSING, decl.name().span(), "VM `" + name + "` has no memory.")
                    .hint("Add `memory @ IPA size SIZE`.").build());
        }
        if (!hadKernel) {
            out.add(Diagnostic.of(Codes.MISSING, decl.name().span(), "VM `" + name + "` has no kernel.")
                    .hint("Add `kernel \"path/to/Image\" @ IPA`.").build());
        }
        // A VM whose kind, kernel or RAM is missing or unreadable is still bound: what was written of it
        // is checked like any other VM's (its cores, devices, interrupts), and it is never lowered.
        boolean ownsConsole = consoleOwner != null && consoleOwner.vm().equals(name);
        BoardModel.Device hc = devices.get(board.hyp().console());
        if (ownsConsole && hc != null && !passedThrough.containsKey(hc)) {
            // the VM drives the board's UART itself, at its own address unless it passes it through elsewhere
            pts.add(new VmModel.Pt(hc, hc.base(), consoleOwner.span()));
        }
        if (console == null && hc != null && !ownsConsole) {
            console = new VmModel.ConsoleDev(hc.compatible(), hc.base(), PAGE, null);
        }
        long dtbIpa = dtb != null ? dtb : memory.isEmpty() ? VmModel.NO_DTB : defaultDtb(memory);
        return new VmModel(id, name, decl.name().span(), kind, management, managementSpan, cpus, memory, kernel,
                initrd, dtbIpa, dtbSpan, bootargs, bootargsSpan, pts, windows, virtio, console, vgic(board), List.of(), colours, life.result());
    }

    private static boolean hasMemory(List<VmItem> items) {
        for (VmItem i : items) {
            if (i instanceof VmItem.Memory) return true;
        }
        return false;
    }

    private static long orZero(Long v) { return v == null ? 0 : v; }

    private static Mapping.MemoryType orDevice(Mapping.MemoryType m) { return m == null ? Mapping.MemoryType.DEVICE : m; }

    private static List<Integer> withFirst(List<Integer> bytes, int first) {
        List<Integer> out = new ArrayList<>(bytes);
        out.set(0, first);
        return out;
    }

    /** Whether [a, a+n) and [b, b+m) share a byte, unsigned; sizes of 0 share none. */
    private static boolean intersects(long a, long n, long b, long m) {
        if (n == 0 || m == 0) return false;
        return Long.compareUnsigned(a - b, m) < 0 || Long.compareUnsigned(b - a, n) < 0;
    }

    /** 2^64 bytes in 512-byte sectors: where a virtio disk's sectors must end. */
    private static final long DISK_SECTORS = 1L << 55;

    /** The settings block of one virtio device: the keys its kind takes, typed. */
    private final class VirtioSettings {
        VmModel.Disk disk;
        VmModel.Peer peer;
        VmModel.Mac mac;

        VirtioSettings(String kind, VmItem.Virtio v) {
            if (v.settings().isEmpty()) return;
            String block = "virtio " + kind;
            switch (kind) {
                case "blk" -> {
                    Settings st = new Settings(out, values, block, v.settings(), List.of(), List.of("first-sector", "sectors"));
                    Long first = st.number("first-sector");
                    Long sectors = st.number("sectors");
                    if (first != null && sectors == null) {
                        out.add(Diagnostic.of(Codes.MISSING, st.span("first-sector", v.span()), "`virtio blk` gives "
                                + "`first-sector` but not `sectors`, the disk's size.").hint("Add `sectors N` (512-byte sectors).").build());
                    }
                    long start = first == null ? 0 : first;
                    if (sectors != null && (Long.compareUnsigned(sectors, DISK_SECTORS) > 0
                            || Long.compareUnsigned(start, DISK_SECTORS - sectors) > 0)) {
                        // N + M wrapped, or (N + M) * 512 did: a disk's every byte has a 64-bit offset
                        out.add(Diagnostic.of(Codes.RANGE, st.span("sectors", v.span()), "`virtio blk` shows "
                                + Long.toUnsignedString(sectors) + " sectors from sector " + Long.toUnsignedString(start) + ", past sector "
                                + "2^55: their 512-byte offsets do not fit in 64 bits.")
                                .hint("A disk has at most 2^55 sectors (16 EiB): `first-sector` plus `sectors` must not exceed "
                                        + "36028797018963968.").build());
                    } else if (sectors != null) {
                        disk = new VmModel.Disk(start, sectors, st.span("sectors", v.span()));
                    }
                }
                case "console" -> {
                    Settings st = new Settings(out, values, block, v.settings(), List.of("peer-console"), List.of("peer"));
                    String vm = st.name("peer");
                    Long at = st.address("peer-console");
                    if (vm != null && !vmNames.contains(vm)) {
                        out.add(Diagnostic.of(Codes.UNKNOWN_NAME, st.valueSpan("peer", v.span()), "The console's peer `" + vm
                                + "` is not a VM of this system.").hint(hints.vm(vm)).build());
                        // not "without `peer`" (SHY0921) or "no console to connect to": the checks leave the device out
                        values.markUnreadable(List.of(v.span()));
                    } else if (vm != null) {
                        peer = new VmModel.Peer(vm, st.valueSpan("peer", v.span()), at, st.span("peer-console", null));
                    } else if (at != null) {
                        out.add(Diagnostic.of(Codes.MISSING, st.span("peer-console", v.span()), "`peer-console` gives the "
                                + "address of a peer's console, but no `peer` says which VM's.").hint("Add `peer VM`.").build());
                    }
                }
                case "net" -> {
                    Settings st = new Settings(out, values, block, v.settings(), List.of(), List.of("mac"));
                    String text = st.string("mac");
                    if (text != null) {
                        List<Integer> bytes = MacAddress.parse(text);
                        SourceSpan where = st.valueSpan("mac", v.span());
                        if (bytes == null) {
                            out.add(Diagnostic.of(Codes.TYPE, where, "`" + text + "` is not a MAC address.")
                                    .hint("Write six hexadecimal bytes separated by colons: \"02:00:00:00:00:01\".").build());
                        } else if ((bytes.get(0) & 1) != 0) {
                            out.add(Diagnostic.of(Codes.RANGE, where, "`" + text + "` is a multicast address; a network "
                                    + "device needs a unicast one.").hint("Clear the lowest bit of the first byte: "
                                    + MacAddress.format(withFirst(bytes, bytes.get(0) & ~1)) + ".").build());
                        } else {
                            mac = new VmModel.Mac(bytes, where);
                        }
                    }
                }
                default -> { }
            }
        }
    }

    /** The top 2 MiB of the lowest RAM region: out of the way of a kernel loaded near its start. */
    private static long defaultDtb(List<VmModel.Mem> memory) {
        VmModel.Mem low = memory.get(0);
        for (VmModel.Mem m : memory) {
            if (Long.compareUnsigned(m.ipa(), low.ipa()) < 0) low = m;
        }
        long top = low.ipa() + low.size();
        long twoMiB = 2L << 20;
        return low.size() >= 2 * twoMiB ? (top - twoMiB) & ~(twoMiB - 1) : low.ipa() + (low.size() / 2 & ~(PAGE - 1));
    }

    /** The VM sees its interrupt controller where the board's is (identity), as Rust-Shyper does. */
    private static List<VmModel.IpaFrame> vgic(BoardModel board) {
        List<VmModel.IpaFrame> f = new ArrayList<>();
        BoardModel.Intc ic = board.intc();
        if (ic.distributor() != null) f.add(new VmModel.IpaFrame("virtual distributor", ic.distributor().base(), ic.distributor().size()));
        if (ic.cpuInterface() != null && ic.virtualCpuInterface() != null) {
            f.add(new VmModel.IpaFrame("virtual CPU interface", ic.cpuInterface().base(), ic.virtualCpuInterface().size()));
        }
        if (ic.redistributor() != null) f.add(new VmModel.IpaFrame("virtual redistributor", ic.redistributor().base(), ic.redistributor().size()));
        if (ic.plic() != null) f.add(new VmModel.IpaFrame("virtual PLIC", ic.plic().base(), ic.plic().size()));
        return f;
    }

    /** The image file a VM loads; a path that can name no file (a NUL in it) is reported and left unread. */
    private VmModel.Payload payload(String what, Value.StrLit file, Path folder, long ipa, long entry, SourceSpan span,
            SourceSpan entrySpan) {
        String path = file.value();
        if (path.isEmpty()) { // it would resolve to the system file's folder, reported as "a folder, not a file"
            values.reportUnread(Diagnostic.of(Codes.RANGE, file.span(), "The " + what + " names no file: its path is empty.")
                    .hint("Write the " + what + "'s file, relative to this file's folder (`\"images/"
                            + (what.equals("kernel") ? "Image" : "initrd.cpio") + "\"`).").build());
            return new VmModel.Payload(path, null, ipa, entry, -1, span, entrySpan);
        }
        Path resolved;
        try {
            resolved = folder == null ? null : folder.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            values.reportUnread(Diagnostic.of(Codes.RANGE, file.span(), "The " + what + " path " + file.span().text()
                    + " is not a valid file path.").hint("A file name cannot contain a NUL character (`\\0`).").build());
            return new VmModel.Payload(path, null, ipa, entry, -1, span, entrySpan);
        }
        long size = -1;
        try {
            if (resolved != null && Files.isRegularFile(resolved) && Files.isReadable(resolved)) size = Files.size(resolved);
        } catch (java.io.IOException | SecurityException e) {
            size = -1;
        }
        return new VmModel.Payload(path, resolved, ipa, entry, size, span, entrySpan);
    }

    private SharedModel bindShared(SharedDecl s, Set<String> vmNames) {
        int before = values.unread();
        Long size = values.size(s.size());
        values.unitForgotten(s.size(), "shared region `" + s.name().text() + "`");
        Long pa = s.pa() == null ? Long.valueOf(-1) : values.address(s.pa(), "shared region PA");
        values.markIfUnread(before, s.name().span());
        List<SharedModel.Mapping> maps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SharedDecl.Mapping m : s.mappings()) {
            String vm = m.vm().text();
            if (!vmNames.contains(vm)) {
                out.add(Diagnostic.of(Codes.UNKNOWN_NAME, m.vm().span(), "The shared region `" + s.name().text()
                        + "` maps into VM `" + vm + "`, which is not declared.").hint(hints.vm(vm)).build());
                continue;
            }
            if (!seen.add(vm)) {
                out.add(Diagnostic.of(Codes.DUPLICATE, m.span(), "VM `" + vm + "` maps `" + s.name().text()
                        + "` twice.").build());
                continue;
            }
            int mark = values.unread();
            Long ipa = values.address(m.ipa(), "shared window IPA");
            values.markIfUnread(mark, m.span());
            maps.add(new SharedModel.Mapping(vm, orZero(ipa), m.writable(), m.span()));
        }
        if (s.mappings().isEmpty()) {
            // nothing could use it, yet placement would still spend DRAM on it
            out.add(Diagnostic.of(Codes.MISSING, s.name().span(), "The shared region `" + s.name().text()
                    + "` is mapped into no VM.").hint("Map it into each VM that uses it, a line each inside its braces (`VM @ IPA rw`, or `ro`), or "
                    + "delete it.").build());
            return null;
        }
        MemAttrs.Read attrs = MemAttrs.read(s.attrs(), MemAttrs.Place.SHARED, values, out);
        return new SharedModel(s.name().text(), orZero(size), pa == null ? 0 : pa, s.pa() != null, maps, s.name().span(),
                doorbells(s, vmNames), attrs.memory() == null ? Mapping.MemoryType.NORMAL : attrs.memory());
    }

    /** The region's doorbells, one per direction (`with` gives two); a line naming an undeclared VM is dropped. */
    private List<SharedModel.Doorbell> doorbells(SharedDecl s, Set<String> vmNames) {
        List<SharedModel.Doorbell> bells = new ArrayList<>();
        for (SharedDecl.Doorbell d : s.doorbells()) {
            boolean known = true;
            for (Ident vm : List.of(d.from(), d.to())) {
                if (vmNames.contains(vm.text())) continue;
                known = false;
                out.add(Diagnostic.of(Codes.UNKNOWN_NAME, vm.span(), "A doorbell of the shared region `"
                        + s.name().text() + "` names VM `" + vm.text() + "`, which is not declared.")
                        .hint(hints.vm(vm.text())).build());
            }
            Integer irq = values.count(d.irq(), "interrupt", 4095);
            if (!known || irq == null) continue;
            bells.add(new SharedModel.Doorbell(d.from().text(), d.to().text(), irq, d.bothWays(), d.span(),
                    d.from().span(), d.to().span(), d.irq().span()));
            if (d.bothWays()) {
                bells.add(new SharedModel.Doorbell(d.to().text(), d.from().text(), irq, true, d.span(),
                        d.to().span(), d.from().span(), d.irq().span()));
            }
        }
        return bells;
    }

    private static Path folderOf(SourceSpan span) {
        Path p = span.file().path();
        return p == null ? null : p.toAbsolutePath().getParent();
    }
}
