package org.shyperc.compiler.bind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.BoardModel.Frame;
import org.shyperc.dsl.ast.BoardDecl;
import org.shyperc.dsl.ast.BoardItem;
import org.shyperc.dsl.ast.DeviceItem;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.InterruptControllerPlan;

/** Turns a {@code board} declaration into a {@link BoardModel}; null when it is too broken to use. */
final class BoardBinder {
    /** Architected timer PPIs in device-tree order (secure, non-secure, virtual, hypervisor). */
    static final List<Integer> DEFAULT_TIMER = List.of(29, 30, 27, 26);
    static final int MAX_INTID = 1019;

    private final List<Diagnostic> out;
    private final Values values;

    BoardBinder(List<Diagnostic> out, java.util.Set<SourceSpan> unreadable) {
        this.out = out;
        this.values = new Values(out, unreadable);
    }

    BoardModel bind(BoardDecl decl) {
        SingleItems once = new SingleItems(out, "board `" + decl.name().text() + "`");
        BoardPlan.Arch arch = null;
        List<String> compatible = new ArrayList<>();
        String model = null;
        List<BoardModel.Core> cores = new ArrayList<>();
        List<BoardModel.Bank> dram = new ArrayList<>();
        BoardModel.Intc intc = null;
        List<Integer> timer = DEFAULT_TIMER;
        List<BoardModel.Device> devices = new ArrayList<>();
        // sized: boards may list 100k devices; the names themselves are kept, their spans made only for a message
        Map<String, org.shyperc.dsl.ast.Ident> deviceNames = new HashMap<>(decl.items().size() * 2);
        Map<String, SourceSpan> bankNames = new HashMap<>();
        BoardItem.Hypervisor hypDecl = null;

        for (BoardItem item : decl.items()) {
            if (item instanceof BoardItem.Arch a && once.first("arch", a.span())) {
                arch = switch (a.arch().text()) {
                    case "aarch64" -> BoardPlan.Arch.AARCH64;
                    case "riscv64" -> BoardPlan.Arch.RISCV64;
                    default -> {
                        out.add(Diagnostic.of(Codes.UNKNOWN_KEY, a.arch().span(), "`" + a.arch().text()
                                + "` is not an architecture shyperc knows.").hint(hintOr(
                                Names.didYouMean(a.arch().text(), List.of("aarch64", "riscv64")),
                                "Use `aarch64` or `riscv64`.")).build());
                        yield null;
                    }
                };
            } else if (item instanceof BoardItem.Compatible c && once.first("compatible", c.span())) {
                for (Value.StrLit v : c.values()) compatible.add(v.value());
            } else if (item instanceof BoardItem.Model m && once.first("model", m.span())) {
                model = m.value().value();
            } else if (item instanceof BoardItem.Cpus c) {
                bindCpus(c, cores);
            } else if (item instanceof BoardItem.Memory m) {
                int before = values.unread();
                Long base = values.address(m.base(), "memory base");
                Long size = values.size(m.size());
                values.markIfUnread(before, m.span());
                if (unique(bankNames, m.name().text(), m.name().span(), "memory bank")) {
                    dram.add(new BoardModel.Bank(m.name().text(), orZero(base), orZero(size), m.span()));
                }
            } else if (item instanceof BoardItem.Gic g && once.first("interrupt controller", g.span())) {
                intc = bindGic(g);
            } else if (item instanceof BoardItem.Plic p && once.first("interrupt controller", p.span())) {
                intc = bindPlic(p);
            } else if (item instanceof BoardItem.Timer t && once.first("timer", t.span())) {
                List<Integer> irqs = new ArrayList<>();
                for (Values.Ranged r : values.numbers(t.irqs(), "timer interrupt", MAX_INTID)) irqs.add(r.value());
                if (irqs.size() != 4) {
                    out.add(Diagnostic.of(Codes.RANGE, t.irqs().span(), "The timer needs 4 interrupts, "
                            + irqs.size() + " are given.").hint("List the secure, non-secure, virtual and "
                            + "hypervisor timer PPIs, for example `[29, 30, 27, 26]`.").build());
                } else {
                    timer = irqs;
                }
            } else if (item instanceof BoardItem.Device d) {
                if (uniqueName(deviceNames, d.name(), "device")) {
                    BoardModel.Device dev = bindDevice(d);
                    if (dev != null) devices.add(dev);
                }
            } else if (item instanceof BoardItem.Hypervisor h && once.first("hypervisor", h.span())) {
                hypDecl = h;
            }
        }
        SourceSpan at = decl.name().span();
        boolean ok = true;
        if (arch == null && !once.seen("arch")) ok = missing(at, decl, "`arch` (for example `arch aarch64`)");
        if (cores.isEmpty() && !has(decl, BoardItem.Cpus.class)) {
            ok = missing(at, decl, "`cpus`");
        }
        if (dram.isEmpty() && !has(decl, BoardItem.Memory.class)) {
            ok = missing(at, decl, "DRAM bank (`memory NAME @ BASE size SIZE`)");
        }
        if (intc == null && !once.seen("interrupt controller")) ok = missing(at, decl, "interrupt controller (`gic v2 { ... }`)");
        if (hypDecl == null) ok = missing(at, decl, "`hypervisor { ... }` block");
        BoardModel.Hyp hyp = hypDecl == null ? null : bindHyp(hypDecl, devices, dram);
        distinctMpidrs(cores);
        if (!ok || arch == null || intc == null || hyp == null) return null;
        if (compatible.isEmpty()) compatible.add(decl.name().text());
        return new BoardModel(decl.name().text(), decl.name().span(), arch, compatible,
                model == null ? decl.name().text() : model, cores, dram, intc, timer, devices, hyp);
    }

    private static boolean has(BoardDecl decl, Class<? extends BoardItem> kind) {
        for (BoardItem i : decl.items()) {
            if (kind.isInstance(i)) return true;
        }
        return false;
    }

    private static final long MPIDR_AFFINITY = BoardModel.Core.MPIDR_AFFINITY;

    private void distinctMpidrs(List<BoardModel.Core> cores) {
        Map<Long, BoardModel.Core> seen = new java.util.HashMap<>();
        for (BoardModel.Core c : cores) {
            BoardModel.Core first = seen.putIfAbsent(c.mpidr() & MPIDR_AFFINITY, c);
            if (first == null) continue;
            out.add(Diagnostic.of(Codes.DUPLICATE, c.span(), "Cores " + first.index() + " and " + c.index()
                    + " have the same MPIDR affinity " + Hex.of(c.mpidr() & MPIDR_AFFINITY) + "; each core has its own.")
                    .related(first.span(), "core " + first.index() + " is declared here")
                    .hint("Give each core its `reg` from the board's device tree (`/cpus/cpu@N`) in `mpidr [...]`.").build());
        }
    }

    private boolean missing(SourceSpan at, BoardDecl decl, String what) {
        out.add(Diagnostic.of(Codes.MISSING, at, "Board `" + decl.name().text() + "` has no " + what + ".").build());
        return false;
    }

    private void bindCpus(BoardItem.Cpus c, List<BoardModel.Core> cores) {
        Integer n = values.count(c.count(), "CPU count", 1024);
        if (n == null) return;
        if (n == 0) {
            out.add(Diagnostic.of(Codes.RANGE, c.count().span(), "A board needs at least one CPU.").build());
            return;
        }
        List<Long> mpidr = null;
        if (c.mpidr() != null) {
            mpidr = values.longs(c.mpidr(), "MPIDR");
            if (mpidr.size() != n) {
                out.add(Diagnostic.of(Codes.RANGE, c.mpidr().span(), "There are " + n + " CPUs but "
                        + mpidr.size() + " MPIDR values.").build());
                return;
            }
        }
        String compat = c.compatible() == null ? "arm,armv8" : c.compatible().value();
        BoardPlan.EnableMethod method = enableMethod(c);
        if (method == null) return;
        List<Long> release = method == BoardPlan.EnableMethod.SPIN_TABLE ? releaseAddresses(c, n) : null;
        if (method == BoardPlan.EnableMethod.SPIN_TABLE && release == null) return;
        for (int i = 0; i < n; i++) {
            int index = cores.size();
            SourceSpan rs = release == null ? c.span() : releaseSpan(c.release(), i);
            cores.add(new BoardModel.Core(index, mpidr == null ? index : mpidr.get(i), compat, method,
                    release == null ? -1 : release.get(i), c.span(), rs));
        }
    }

    /** `enable-method psci` (the default) or `enable-method spin-table [release words]`, as device trees say. */
    private BoardPlan.EnableMethod enableMethod(BoardItem.Cpus c) {
        if (c.enableMethod() == null) return BoardPlan.EnableMethod.PSCI;
        String m = c.enableMethod().text();
        if (m.equals("psci")) {
            if (c.release() == null) return BoardPlan.EnableMethod.PSCI;
            out.add(Diagnostic.of(Codes.TYPE, c.release().span(), "`enable-method psci` takes no addresses.")
                    .hint("PSCI starts a core by its MPIDR; release addresses belong to `enable-method spin-table [...]`.")
                    .build());
            return null;
        }
        if (m.equals("spin-table")) return BoardPlan.EnableMethod.SPIN_TABLE;
        out.add(Diagnostic.of(Codes.UNKNOWN_KEY, c.enableMethod().span(), "`" + m + "` is not an enable method shyperc knows.")
                .hint(hintOr(Names.didYouMean(m, List.of("psci", "spin-table")),
                        "Use `enable-method psci` or `enable-method spin-table [ADDRESS, ...]`.")).build());
        return null;
    }

    /** One release word per core, each 8-byte aligned (the firmware reads a 64-bit entry address there). */
    private List<Long> releaseAddresses(BoardItem.Cpus c, int n) {
        if (c.release() == null) {
            out.add(Diagnostic.of(Codes.MISSING, c.enableMethod().span(), "`enable-method spin-table` needs the cores' "
                    + "release addresses.").hint("List one per core, as the device tree's `cpu-release-addr` "
                    + "gives them, for example `enable-method spin-table [0xd8, 0xe0, 0xe8, 0xf0]`.").build());
            return null;
        }
        List<Long> release = values.longs(c.release(), "release address");
        if (release.size() != n) {
            out.add(Diagnostic.of(Codes.RANGE, c.release().span(), "There are " + n + " CPUs but "
                    + release.size() + " release addresses.").build());
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < n; i++) {
            if (release.get(i) % 8 != 0) {
                out.add(Diagnostic.of(Codes.RANGE, releaseSpan(c.release(), i), "The release address 0x"
                        + Long.toHexString(release.get(i)) + " is not 8-byte aligned.")
                        .hint("A spin table's release word is a 64-bit entry address the waiting core reads.").build());
                ok = false;
            }
        }
        return ok ? release : null;
    }

    /** The span of the i-th address of a list (a range's span for its addresses), or the list's. */
    private static SourceSpan releaseSpan(Value.ListLit list, int i) {
        if (i >= list.items().size()) return list.span();
        for (Value v : list.items()) {
            if (!(v instanceof Value.IntLit)) return list.span();
        }
        return list.items().get(i).span();
    }

    private BoardModel.Intc bindGic(BoardItem.Gic g) {
        InterruptControllerPlan.Kind kind = switch (g.version().text()) {
            case "v2" -> InterruptControllerPlan.Kind.GICV2;
            case "v3" -> InterruptControllerPlan.Kind.GICV3;
            default -> null;
        };
        if (kind == null) {
            out.add(Diagnostic.of(Codes.UNKNOWN_KEY, g.version().span(), "`gic " + g.version().text()
                    + "` is not a GIC version shyperc knows.").hint("Use `gic v2` or `gic v3`.").build());
            return null;
        }
        boolean v2 = kind == InterruptControllerPlan.Kind.GICV2;
        List<String> frameKeys = v2
                ? List.of("distributor", "cpu-interface", "hyp-interface", "virtual-cpu-interface")
                : List.of("distributor", "redistributor");
        Settings s = new Settings(out, values, "gic " + g.version().text(), g.settings(), frameKeys,
                List.of("maintenance-irq", "lines", "compatible"));
        boolean ok = true;
        for (String k : frameKeys) ok &= s.require(k, g.span());
        if (!ok) return null;
        int maintenance = s.count("maintenance-irq", 25, 31);
        int lines = s.count("lines", 1020, 1020);
        List<String> compat = s.strings("compatible",
                v2 ? List.of("arm,cortex-a15-gic") : List.of("arm,gic-v3"));
        return new BoardModel.Intc(kind, g.span(), s.frame("distributor"), s.frame("cpu-interface"),
                s.frame("hyp-interface"), s.frame("virtual-cpu-interface"), s.frame("redistributor"), null,
                maintenance, s.span("maintenance-irq", g.span()), lines, compat);
    }

    private BoardModel.Intc bindPlic(BoardItem.Plic p) {
        int before = values.unread();
        Long base = values.address(p.base(), "PLIC base");
        Long size = values.size(p.size());
        values.markIfUnread(before, p.span());
        Settings s = new Settings(out, values, "plic", p.settings(), List.of(), List.of("lines", "compatible"));
        if (base == null || size == null) return null;
        int lines = s.count("lines", 96, 1024);
        List<String> compat = s.strings("compatible", List.of("riscv,plic0"));
        return new BoardModel.Intc(InterruptControllerPlan.Kind.PLIC, p.span(), null, null, null, null, null,
                new Frame("plic", base, size, p.span()), 0, p.span(), lines, compat);
    }

    private BoardModel.Device bindDevice(BoardItem.Device d) {
        // kept even when its address or size could not be read, so a passthrough of it is not
        // reported as naming no device: it is unreadable, and so is every passthrough of it
        int before = values.unread();
        long base = values.addressOrZero(d.base(), "device base"); // no box each: a big board has 100k devices
        long size = values.sizeOrZero(d.size());
        values.markIfUnread(before, d.span());
        // made immutable here (a device mostly has one interrupt, then no array at all), so the model keeps it as it is;
        // most devices of a big board have none, and they make no list to read
        List<BoardModel.Irq> irqs = List.of();
        if (d.irq() != null) {
            List<Values.Ranged> numbers = values.numbers(d.irq(), "interrupt", 4095);
            BoardModel.Irq[] irqArray = new BoardModel.Irq[numbers.size()];
            for (int i = 0; i < irqArray.length; i++) irqArray[i] = new BoardModel.Irq(numbers.get(i).value(), numbers.get(i).span());
            irqs = List.of(irqArray);
        }
        String dtPath = null;
        boolean dma = false;
        String iommu = null;
        long stream = -1;
        List<DevicePlan.Property> props = new ArrayList<>();
        for (DeviceItem item : d.items()) {
            if (item instanceof DeviceItem.DtPath p) dtPath = p.path().value();
            else if (item instanceof DeviceItem.Dma) dma = true;
            else if (item instanceof DeviceItem.Iommu i) {
                iommu = i.iommu().text();
                if (i.stream() != null && i.stream().fits64()) stream = i.stream().bits();
            } else if (item instanceof DeviceItem.Property p) {
                DevicePlan.Property prop = property(p);
                if (prop != null) props.add(prop);
            }
        }
        return new BoardModel.Device(d.name().text(), d.compatible().value(), base, size, irqs, dtPath,
                dma, iommu, stream, props.isEmpty() ? List.of() : props, d.span());
    }

    private DevicePlan.Property property(DeviceItem.Property p) {
        String name = p.name().value();
        Value v = p.value();
        if (v == null) return new DevicePlan.Property(name, List.of(), List.of());
        if (v instanceof Value.StrLit s) return new DevicePlan.Property(name, List.of(s.value()), List.of());
        if (v instanceof Value.IntLit i && i.fits64()) return new DevicePlan.Property(name, List.of(), List.of(i.bits()));
        if (v instanceof Value.ListLit l) {
            List<String> strings = strings(l);
            if (strings != null) return new DevicePlan.Property(name, strings, List.of());
            return new DevicePlan.Property(name, List.of(), values.longs(l, "property cell"));
        }
        values.typeError(v, "property value", "a string, a number or a list");
        return null;
    }

    /** The list's strings when it has items and every one is a string, else null. */
    private static List<String> strings(Value.ListLit l) {
        if (l.items().isEmpty()) return null;
        List<String> strings = new ArrayList<>(l.items().size());
        for (Value x : l.items()) {
            if (!(x instanceof Value.StrLit str)) return null;
            strings.add(str.value());
        }
        return strings;
    }

    private BoardModel.Hyp bindHyp(BoardItem.Hypervisor h, List<BoardModel.Device> devices, List<BoardModel.Bank> dram) {
        Settings s = new Settings(out, values, "hypervisor", h.settings(), List.of("reserve", "load"),
                List.of("console", "timer-irq", "ipi-sgi", "hypercall-irq", "stage2-blocks",
                        // cache colouring
                        "llc-size", "llc-ways", "llc-line", "colours"));
        boolean ok = s.require("reserve", h.span()) & s.require("console", h.span());
        if (!ok) return null;
        Frame reserve = s.frame("reserve");
        if (reserve == null) return null;
        Frame load = s.frame("load");
        String console = s.name("console");
        SourceSpan consoleSpan = s.valueSpan("console", h.span());
        if (console != null && !isDevice(devices, console)) {
            List<String> names = new ArrayList<>(devices.size());
            for (BoardModel.Device d : devices) names.add(d.name());
            out.add(Diagnostic.of(Codes.UNKNOWN_NAME, consoleSpan, "The hypervisor console `" + console
                    + "` is not a device of this board.").hint(Names.didYouMean(console, names)).build());
            return null;
        }
        return new BoardModel.Hyp(reserve.base(), reserve.size(), reserve.span(),
                load == null ? reserve.base() + 0x80000 : load.base(), load == null ? reserve.span() : load.span(), console, consoleSpan,
                s.count("timer-irq", 26, 31), s.count("ipi-sgi", 1, 15), s.count("hypercall-irq", -1, MAX_INTID), h.span(),
                llc(s, h), s.colours("colours"), s.onOff("stage2-blocks", true));
    }

    private static boolean isDevice(List<BoardModel.Device> devices, String name) {
        for (BoardModel.Device d : devices) {
            if (d.name().equals(name)) return true;
        }
        return false;
    }

    /** cache colouring: `llc-size`, `llc-ways`, `llc-line` together, or none of them (null). */
    private BoardModel.Llc llc(Settings s, BoardItem.Hypervisor h) {
        List<String> keys = List.of("llc-size", "llc-ways", "llc-line");
        List<String> given = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String k : keys) {
            if (s.has(k)) given.add(k);
            else missing.add("`" + k + "`");
        }
        if (given.isEmpty()) return null;
        SourceSpan at = s.span(given.get(0), h.span());
        if (given.size() < keys.size()) {
            out.add(Diagnostic.of(Codes.LLC_GEOMETRY, at, "The last-level cache is described without "
                    + String.join(" and ", missing) + ".")
                    .hint("Give `llc-size`, `llc-ways` and `llc-line` together, from the SoC's reference manual.").build());
            return null;
        }
        Long size = s.size("llc-size");
        int ways = s.count("llc-ways", 0, 1024);
        int line = s.count("llc-line", 0, 4096);
        if (size == null || ways == 0 || line == 0) return null;
        long way = size / ways;
        long colours = way / org.shyperc.plan.Colouring.PAGE;
        boolean whole = size % ways == 0 && way % org.shyperc.plan.Colouring.PAGE == 0;
        if (!whole || colours < 2 || colours > org.shyperc.plan.Colouring.MAX_COLOURS || Long.bitCount(colours) != 1) {
            out.add(Diagnostic.of(Codes.LLC_GEOMETRY, at, "A last-level cache of " + Hex.size(size) + " in " + ways
                    + " ways has " + (whole ? colours + " colours" : "ways that are not whole 4 KiB pages")
                    + "; the runtime colours caches with 2 to 64 colours, a power of two.")
                    .hint("The number of colours is `llc-size / (llc-ways * 4 KiB)`; check the figures.").build());
            return new BoardModel.Llc(size, ways, line, 0, at);
        }
        if (line < 16 || Integer.bitCount(line) != 1) {
            out.add(Diagnostic.of(Codes.LLC_GEOMETRY, s.span("llc-line", at), "A cache line of " + line
                    + " bytes is not a power of two from 16 to 4096.").build());
            return new BoardModel.Llc(size, ways, line, 0, at);
        }
        return new BoardModel.Llc(size, ways, line, (int) colours, at);
    }

    private boolean uniqueName(Map<String, org.shyperc.dsl.ast.Ident> seen, org.shyperc.dsl.ast.Ident name, String what) {
        org.shyperc.dsl.ast.Ident prev = seen.putIfAbsent(name.text(), name);
        if (prev == null) return true;
        String n = name.text();
        out.add(Diagnostic.of(Codes.DUPLICATE, name.span(), "The " + what + " `" + n + "` is declared twice.")
                .related(prev.span(), "the first `" + n + "` is declared here").build());
        return false;
    }

    private boolean unique(Map<String, SourceSpan> seen, String name, SourceSpan span, String what) {
        SourceSpan prev = seen.putIfAbsent(name, span);
        if (prev == null) return true;
        out.add(Diagnostic.of(Codes.DUPLICATE, span, "The " + what + " `" + name + "` is declared twice.")
                .related(prev, "the first `" + name + "` is declared here").build());
        return false;
    }

    static String hintOr(String a, String b) { return a != null ? a : b; }

    static long orZero(Long v) { return v == null ? 0 : v; }

    /** Remembers single-valued items and reports a second occurrence. */
    static final class SingleItems {
        private final List<Diagnostic> out;
        private final String owner;
        private final Map<String, SourceSpan> seen = new LinkedHashMap<>();

        SingleItems(List<Diagnostic> out, String owner) {
            this.out = out;
            this.owner = owner;
        }

        boolean first(String what, SourceSpan span) {
            return first(what, span, "Keep one.");
        }

        boolean first(String what, SourceSpan span, String hint) {
            SourceSpan prev = seen.putIfAbsent(what, span);
            if (prev == null) return true;
            out.add(Diagnostic.of(Codes.DUPLICATE, span, "The " + owner + " has a second `" + what + "`; it may have one.")
                    .related(prev, "the first is here").hint(hint).build());
            return false;
        }

        boolean seen(String what) { return seen.containsKey(what); }
    }
}
