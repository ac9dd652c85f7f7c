package org.shyperc.codegen.devicetree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.shyperc.codegen.devicetree.DtTree.Entry;
import org.shyperc.codegen.devicetree.DtTree.Reg;
import org.shyperc.codegen.fdt.Fdt;
import org.shyperc.codegen.fdt.FdtNode;
import org.shyperc.codegen.fdt.FdtProperty;
import org.shyperc.codegen.fdt.FdtReader;
import org.shyperc.codegen.output.Problem;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.parse.ShyCharacters;
import org.shyperc.codegen.output.Result;

import static org.shyperc.codegen.rustshyper.ShySystemWriter.address;
import static org.shyperc.codegen.rustshyper.ShySystemWriter.quote;
import static org.shyperc.codegen.rustshyper.ShySystemWriter.size;

/**
 * `shyperc import dtb`: a board file from a real device tree. CPUs (MPIDR from reg),
 * memory banks, the GIC frames, the timer PPIs and every device with a compatible and a
 * memory-mapped reg (translated through every bus's ranges to a CPU address), its GIC
 * interrupts as INTIDs and its DT path as provenance. Devices sharing a 4 KiB page are
 * declared as one device, because a page can only be given to one VM.
 */
public final class DtbBoardImporter {


    static final long PAGE = 4096;
    static final int MAX_INTID = 1020;
    static final List<String> GIC_V2 = List.of("arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic",
            "arm,cortex-a7-gic", "arm,arm11mp-gic", "arm,gic-v2");
    static final String GIC_V3 = "arm,gic-v3";

    /** Properties the board file states otherwise (reg, irq, dma) or that only make sense in the host tree. */
    static final Set<String> NOT_COPIED = Set.of("reg", "interrupts", "interrupts-extended", "interrupt-parent",
            "status", "phandle", "linux,phandle", "dma-coherent", "#address-cells", "#size-cells", "ranges",
            "dma-ranges", "interrupt-controller", "#interrupt-cells", "interrupt-map", "interrupt-map-mask",
            "pinctrl-names");

    /**
     * The largest blob read. Linux on arm64 refuses device trees over 2 MiB; real ones are tens of
     * kilobytes. The CLI reads no more than this, and a longer array is refused here too.
     */
    public static final int MAX_BYTES = 16 << 20;

    /** Where the hypervisor is loaded in its reservation unless told otherwise (as board files default). */
    public static final long DEFAULT_LOAD_OFFSET = 0x80000;

    /** What the DTB cannot say about the hypervisor: where it lives. Null fields leave a placeholder. */
    public record HypervisorHint(long reserveBase, long reserveSize, long loadAddress) { }

    private final DtTree tree;
    private final String source;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> aliasByPath = new HashMap<>();
    private Entry gic;
    /** The board's devices, as declared (merged by shared pages, with their final names). */
    private List<BoardDevice> devices = List.of();

    /** Compatibles of buses: nodes whose children are the devices. */
    static final Set<String> BUSES = Set.of("simple-bus", "simple-pm-bus", "arm,amba-bus", "isa");

    /** Compatibles of serial ports. */
    static final java.util.regex.Pattern UART = java.util.regex.Pattern.compile("uart|serial|16550|8250|pl011|scif|lpuart");

    private DtbBoardImporter(DtTree tree, String source) {
        this.tree = tree;
        this.source = source;
    }

    /**
     * @param source the DTB's file name, said in the header comment and problem locations
     * @param hint   the hypervisor's reservation and load address, or null for a commented template
     */
    public static Result<String> importBoard(byte[] dtb, String boardName, String source, HypervisorHint hint) {
        if (dtb.length > MAX_BYTES) {
            return Result.fail(Problem.of(Codes.IO, "The blob is " + dtb.length + " bytes; shyperc reads device trees of at most "
                    + (MAX_BYTES >> 20) + " MiB.", source));
        }
        Result<Fdt> read = FdtReader.read(dtb);
        if (read.value() == null) {
            Problem p = read.problems().get(0);
            return Result.fail(p.in(source)); // the reader's own code says what is wrong with the blob
        }
        DtbBoardImporter im = new DtbBoardImporter(new DtTree(read.value().root()), source);
        im.unwritableNames();
        String text = im.board(boardName, hint);
        return new Result<>(text, im.problems);
    }

    /**
     * Names the import may write (in a `dt-path`, a `property`, a comment) that a .shy file cannot hold as they are:
     * written with `?` (ShySystemWriter.quote, ShyText.comment), and said once per node or property (SHY1013).
     */
    private void unwritableNames() {
        for (Entry e : tree.inOrder) {
            int c = ShyText.unwritable(e.node().name());
            if (c >= 0) {
                problems.add(Problem.of(Codes.DTB_NAME_CHARACTER, "The node name `" + ShyText.comment(e.node().name()) + "` holds "
                        + ShyCharacters.describe((char) c) + "; the import writes `?` in its place.", source + ": "
                        + ShyText.comment(e.path())));
            }
            for (FdtProperty p : e.node().properties()) {
                c = ShyText.unwritable(p.name());
                if (c >= 0) {
                    problems.add(Problem.of(Codes.DTB_NAME_CHARACTER, "The property name `" + ShyText.comment(p.name())
                            + "` holds " + ShyCharacters.describe((char) c) + "; the import writes `?` in its place.",
                            source + ": " + ShyText.comment(e.path())));
                }
            }
        }
    }

    private String board(String name, HypervisorHint hint) {
        Entry aliases = tree.path("/aliases");
        if (aliases != null) {
            for (FdtProperty p : aliases.node().properties()) {
                List<String> s = p.strings();
                if (s != null && s.size() == 1 && !aliasByPath.containsKey(s.get(0))) {
                    aliasByPath.put(s.get(0), p.name());
                }
            }
        }
        FdtNode root = tree.root.node();
        StringBuilder b = new StringBuilder();
        b.append("// Board imported by shyperc from ").append(source).append(".\n");
        b.append("// Addresses are CPU physical addresses (bus addresses translated through every `ranges`);\n");
        b.append("// an INTID is the DTB's SPI number + 32 (PPI + 16). Each dt-path names the source node.\n");
        b.append("board ").append(name).append(" {\n");
        String arch = arch();
        b.append("    arch ").append(arch).append('\n');
        List<String> compat = DtTree.strings(root, "compatible");
        if (!compat.isEmpty()) {
            b.append("    compatible ").append(String.join(", ", compat.stream().map(s -> quote(s)).toList())).append('\n');
        }
        String model = DtTree.string(root, "model");
        if (model != null) {
            b.append("    model ").append(quote(model)).append('\n');
        }
        cpus(b);
        memory(b);
        gic(b);
        timer(b);
        devices(b);
        hypervisor(b, hint);
        return b.append("}\n").toString();
    }

    private String arch() {
        for (Entry e : tree.inOrder) {
            String c = DtTree.string(e.node(), "compatible");
            if ("cpu".equals(DtTree.string(e.node(), "device_type")) && c != null && c.startsWith("riscv")) {
                return "riscv64";
            }
        }
        return "aarch64";
    }

    private void cpus(StringBuilder b) {
        Entry cpus = tree.path("/cpus");
        List<Long> mpidrs = new ArrayList<>();
        Set<String> compat = new java.util.LinkedHashSet<>();
        Set<String> methods = new java.util.LinkedHashSet<>();
        List<Long> release = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        if (cpus != null) {
            int ac = DtTree.addressCells(cpus.node());
            for (FdtNode c : cpus.node().children()) {
                long[] reg = c.property("reg") == null ? null : c.property("reg").cells();
                if (!"cpu".equals(DtTree.string(c, "device_type")) || reg == null || ac <= 0 || reg.length < ac) {
                    continue;
                }
                long mpidr = DtTree.number(reg, 0, ac);
                // a malformed DTB: one core cannot be two (the same affinity, as the binder compares), and the board must compile
                if (!seen.add(mpidr & org.shyperc.compiler.model.BoardModel.Core.MPIDR_AFFINITY)) {
                    repeated.add("/cpus/" + c.name() + " repeats the affinity of reg " + ShyText.num(mpidr));
                    continue;
                }
                mpidrs.add(mpidr);
                String m = DtTree.string(c, "enable-method");
                methods.add(m == null ? "" : m);
                long[] ra = c.property("cpu-release-addr") == null ? null : c.property("cpu-release-addr").cells();
                if (ra != null && ra.length > 0 && ra.length <= 2) release.add(DtTree.number(ra, 0, ra.length));
                String cc = DtTree.string(c, "compatible");
                if (cc != null) {
                    compat.add(cc);
                }
            }
        }
        if (mpidrs.isEmpty()) {
            problems.add(Problem.of(Codes.DTB_NO_CPUS, "The DTB has no /cpus/cpu@N node with a reg; add `cpus` by hand.",
                    source + ": /cpus"));
            b.append("    // no /cpus/cpu@N node with a reg in the DTB: add `cpus N \"compatible\" mpidr [...]`\n");
            return;
        }
        for (String r : repeated) {
            b.append("    // ").append(ShyText.comment(r)).append(": left out\n");
        }
        if (compat.size() > 1) {
            b.append("    // the cores are of several kinds: ").append(ShyText.comment(String.join(", ", compat))).append('\n');
        }
        b.append("    cpus ").append(mpidrs.size());
        if (!compat.isEmpty()) {
            b.append(' ').append(quote(compat.iterator().next()));
        }
        b.append(" mpidr [").append(String.join(", ", mpidrs.stream().map(ShyText::num).toList())).append(']');
        if (methods.equals(Set.of("spin-table")) && release.size() == mpidrs.size()) {
            b.append(" enable-method spin-table [").append(String.join(", ", release.stream().map(ShyText::num).toList()))
                    .append("]   // /cpus/cpu@* reg, enable-method, cpu-release-addr\n");
        } else {
            b.append("   // /cpus/cpu@* reg\n");
            if (!methods.equals(Set.of("psci")) && !methods.equals(Set.of(""))) {
                b.append("    // the DTB starts the cores with ").append(ShyText.comment(String.join(", ", methods)))
                        .append(": shyperc starts them with PSCI unless `enable-method spin-table [...]` says otherwise\n");
            }
        }
    }

    private void memory(StringBuilder b) {
        int n = 0;
        for (Entry e : tree.inOrder) {
            if (!"memory".equals(DtTree.string(e.node(), "device_type"))) {
                continue;
            }
            List<Reg> regs = tree.reg(e);
            if (regs == null || regs.isEmpty()) {
                b.append("    // ").append(ShyText.comment(e.path())).append(" has an empty reg (the firmware fills it in): add the banks\n");
                continue;
            }
            for (Reg r : regs) {
                if (r.size() == 0) {
                    continue;
                }
                b.append("    memory ").append(n == 0 ? "dram" : "dram" + n).append(" @ ").append(address(r.address()))
                        .append(" size ").append(size(r.size())).append("   // ").append(ShyText.comment(e.path())).append('\n');
                n++;
            }
        }
        if (n == 0) {
            problems.add(Problem.of(Codes.DTB_NO_MEMORY, "The DTB states no memory; add `memory NAME @ BASE size SIZE`.",
                    source + ": /memory"));
        }
    }

    private void gic(StringBuilder b) {
        for (Entry e : tree.inOrder) {
            List<String> c = DtTree.strings(e.node(), "compatible");
            if (e.node().property("interrupt-controller") != null
                    && (c.contains(GIC_V3) || c.stream().anyMatch(GIC_V2::contains))) {
                gic = e;
                break;
            }
        }
        if (gic == null) {
            problems.add(Problem.of(Codes.DTB_NO_GIC, "No GICv2 or GICv3 in the DTB; add the interrupt controller by hand.",
                    source + ": /"));
            b.append("    // no GIC found in the DTB\n");
            return;
        }
        boolean v3 = DtTree.strings(gic.node(), "compatible").contains(GIC_V3);
        List<Reg> regs = tree.reg(gic);
        b.append("    gic ").append(v3 ? "v3" : "v2").append(" {   // ").append(ShyText.comment(gic.path())).append('\n');
        b.append("        compatible ").append(quote(DtTree.string(gic.node(), "compatible"))).append('\n');
        List<String> keys = v3 ? List.of("distributor", "redistributor")
                : List.of("distributor", "cpu-interface", "hyp-interface", "virtual-cpu-interface");
        for (int i = 0; regs != null && i < Math.min(keys.size(), regs.size()); i++) {
            b.append("        ").append(keys.get(i)).append(" @ ").append(address(regs.get(i).address())).append(" size ")
                    .append(size(regs.get(i).size())).append("   // reg[").append(i).append("]\n");
        }
        List<Integer> maint = irqs(gic);
        if (!maint.isEmpty()) {
            b.append("        maintenance-irq ").append(maint.get(0)).append("   // interrupts\n");
        }
        List<String> missing = new ArrayList<>();
        if (!v3 && (regs == null || regs.size() < 4)) {
            missing.add("no hypervisor and virtual CPU interface frames (reg[2], reg[3])");
        }
        if (maint.isEmpty()) {
            missing.add("no maintenance interrupt");
        }
        if (!missing.isEmpty()) {
            boolean qemu = DtTree.strings(tree.root.node(), "compatible").contains("linux,dummy-virt");
            problems.add(Problem.of(Codes.DTB_GIC_NO_VIRT, "The GIC " + gic.path() + " has " + String.join(" and ", missing)
                    + ", which a hypervisor needs; " + (qemu
                    ? "QEMU writes them only when dumped with `-machine virt,virtualization=on,...,dumpdtb=FILE`."
                    : "this tree was written for a machine without virtualization: take them from the SoC's manual."),
                    source + ": " + gic.path()));
            b.append("        // ").append(String.join(" and ", missing)).append(" in the DTB")
                    .append(qemu ? ": dump it from QEMU with -machine virt,virtualization=on" : "").append('\n');
        }
        b.append("        // lines: not in the DTB (GICD_TYPER.ITLinesNumber); the default applies\n");
        b.append("    }\n");
    }

    private void timer(StringBuilder b) {
        for (Entry e : tree.inOrder) {
            List<String> c = DtTree.strings(e.node(), "compatible");
            if (c.contains("arm,armv8-timer") || c.contains("arm,armv7-timer")) {
                List<Integer> irqs = irqs(e);
                if (!irqs.isEmpty()) {
                    b.append("    timer irq [").append(String.join(", ", irqs.stream().map(String::valueOf).toList()))
                            .append("]   // ").append(ShyText.comment(e.path())).append(" interrupts\n");
                }
                return;
            }
        }
    }

    private void devices(StringBuilder b) {
        List<BoardDevice> found = new ArrayList<>();
        for (Entry e : tree.inOrder) {
            BoardDevice d = device(e);
            if (d != null) {
                found.add(d);
            }
        }
        devices = BoardDevice.mergeSharedPages(found);
        BoardDevice.print(devices, b);
    }

    /**
     * A bus: its children are devices addressed through its `ranges`, and its own `reg` (where it
     * has one, like i.MX8's 4 MiB AIPS windows) spans theirs. Declaring it would swallow every
     * device on it into one.
     */
    private boolean isBus(Entry e) {
        List<String> compat = DtTree.strings(e.node(), "compatible");
        if (compat.stream().anyMatch(BUSES::contains)) {
            return true;
        }
        if (e.node().property("ranges") == null) {
            return false;
        }
        List<Reg> own = tree.reg(e);
        if (own == null || own.isEmpty()) {
            return false;
        }
        for (FdtNode child : e.node().children()) {
            Entry c = tree.path((e.path().equals("/") ? "" : e.path()) + "/" + child.name());
            List<Reg> regs = c == null ? null : tree.reg(c);
            if (regs == null || regs.isEmpty()) {
                continue;
            }
            Reg r = regs.get(0);
            for (Reg o : own) {
                if (Long.compareUnsigned(r.address(), o.address()) >= 0
                        && Long.compareUnsigned(r.address() - o.address(), o.size()) < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private BoardDevice device(Entry e) {
        FdtNode n = e.node();
        String path = e.path();
        List<String> compat = DtTree.strings(n, "compatible");
        if (compat.isEmpty() || e == gic || path.startsWith("/cpus") || path.startsWith("/reserved-memory")
                || "memory".equals(DtTree.string(n, "device_type")) || isBus(e)) {
            return null;
        }
        List<Reg> regs = tree.reg(e);
        if (regs == null || regs.isEmpty() || regs.get(0).size() == 0) {
            return null;
        }
        if (gic != null && e.parent() == gic && insideGicFrames(regs.get(0))) {
            return null; // an ITS the tree places inside the GIC's own frames: part of the interrupt controller
        }
        BoardDevice d = new BoardDevice();
        Reg first = regs.get(0);
        d.base = first.address() & ~(PAGE - 1);
        d.end = (first.address() + first.size() + PAGE - 1) & ~(PAGE - 1);
        d.compatible = compat.get(0);
        d.dtPath = path;
        d.members.add(path);
        d.name = name(e);
        d.aliased = aliasByPath.containsKey(path);
        d.irqs.addAll(irqs(e));
        List<String> elsewhere = new ArrayList<>();
        d.irqs.addAll(extendedIrqs(e, elsewhere));
        d.dma = n.property("dma-coherent") != null || n.property("iommus") != null;
        if ("disabled".equals(DtTree.string(n, "status"))) {
            d.notes.add(path + ": status \"disabled\" in the DTB");
            d.disabled = true;
        }
        if (regs.size() > 1) {
            d.notes.add(path + " has " + regs.size() + " reg entries; the first is declared");
        }
        Entry parent = tree.interruptParent(e);
        if (n.property("interrupts") != null && n.property("interrupts-extended") == null && parent != gic) {
            d.notes.add(path + ": interrupts go to " + (parent == null ? "an unknown controller" : parent.path())
                    + ", not the GIC; not declared");
        }
        for (String other : elsewhere) {
            d.notes.add(path + ": an interrupt goes to " + other + ", not the GIC; not declared");
        }
        if (compat.size() > 1) {
            d.lines.add("property \"compatible\" [" + String.join(", ", compat.stream().map(s -> quote(s)).toList()) + "]");
        }
        for (FdtProperty p : n.properties()) {
            if (p.name().equals("compatible") || NOT_COPIED.contains(p.name())
                    || GuestDeviceTree.HOST_REFERENCES.contains(p.name()) || p.name().endsWith("-gpios")
                    || p.name().endsWith("-supply") || p.name().startsWith("pinctrl-")) {
                continue;
            }
            String v = ShyText.value(p);
            if (v == null) {
                d.notes.add(path + ": property `" + p.name() + "` is raw bytes, not copied");
            } else {
                d.lines.add("property " + quote(p.name()) + (v.isEmpty() ? "" : " " + v));
            }
        }
        return d;
    }

    /** A .shy name: the alias if the DTB has one, else the node name and unit address. */
    private String name(Entry e) {
        String alias = aliasByPath.get(e.path());
        String raw = alias != null ? alias : e.node().name().replace('@', '-');
        StringBuilder b = new StringBuilder();
        for (char ch : raw.toLowerCase(Locale.ROOT).toCharArray()) {
            b.append(Character.isLetterOrDigit(ch) && ch < 128 || ch == '_' || ch == '-' ? ch : '-');
        }
        if (b.length() == 0 || !Character.isLetter(b.charAt(0))) {
            b.insert(0, "dev-");
        }
        return b.toString();
    }

    /** The node's interrupts as GIC INTIDs (SPI + 32, PPI + 16); empty if its parent is not the GIC. */
    private List<Integer> irqs(Entry e) {
        FdtProperty p = e.node().property("interrupts");
        if (p == null || gic == null || tree.interruptParent(e) != gic) {
            return List.of();
        }
        long[] c = p.cells();
        int cells = DtTree.interruptCells(gic.node(), 3);
        List<Integer> out = new ArrayList<>();
        if (c == null || cells < 2) {
            return out;
        }
        for (int i = 0; i + cells <= c.length; i += cells) {
            intid(c[i], c[i + 1]).ifPresent(out::add);
        }
        return out;
    }

    private boolean insideGicFrames(Reg r) {
        List<Reg> frames = tree.reg(gic);
        if (frames == null) {
            return false;
        }
        for (Reg f : frames) {
            if (Long.compareUnsigned(r.address(), f.address()) >= 0
                    && Long.compareUnsigned(r.address() - f.address(), f.size()) < 0) {
                return true;
            }
        }
        return false;
    }

    /** A node path, or an alias (a name without `/`) resolved to the path it stands for; null if unknown. */
    private String resolve(String pathOrAlias) {
        if (pathOrAlias.startsWith("/")) {
            return pathOrAlias;
        }
        Entry aliases = tree.path("/aliases");
        return aliases == null ? null : DtTree.string(aliases.node(), pathOrAlias);
    }

    /** The declared device a node belongs to (it may share its pages with others), or null. */
    private BoardDevice deviceAt(String path) {
        if (path == null) {
            return null;
        }
        for (BoardDevice d : devices) {
            if (d.members.contains(path)) {
                return d;
            }
        }
        return null;
    }

    /**
     * The GIC interrupts of `interrupts-extended` (which takes precedence over `interrupts`): each
     * entry is a controller's phandle and that controller's #interrupt-cells; the paths of other
     * controllers go to {@code elsewhere}.
     */
    private List<Integer> extendedIrqs(Entry e, List<String> elsewhere) {
        FdtProperty p = e.node().property("interrupts-extended");
        long[] c = p == null ? null : p.cells();
        List<Integer> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        for (int i = 0; i < c.length; ) {
            Entry ctl = tree.phandle(c[i]);
            int cells = ctl == null ? -1 : DtTree.interruptCells(ctl.node(), -1);
            if (cells < 0 || i + 1 + cells > c.length) {
                elsewhere.add("an unknown controller");
                break;
            }
            if (ctl == gic && cells >= 2) {
                intid(c[i + 1], c[i + 2]).ifPresent(out::add);
            } else if (!elsewhere.contains(ctl.path())) {
                elsewhere.add(ctl.path());
            }
            i += 1 + cells;
        }
        return out;
    }

    /** A GIC specifier's type and number as an INTID (SPI + 32, PPI + 16), if it is one this board can have. */
    private static java.util.Optional<Integer> intid(long type, long num) {
        // GIC INTIDs stop at 1019; a larger number is not an interrupt this board can have.
        if (type == 0 && num < MAX_INTID - 32) {
            return java.util.Optional.of((int) (num + 32));
        } else if (type == 1 && num < 16) {
            return java.util.Optional.of((int) (num + 16));
        }
        return java.util.Optional.empty();
    }

    private void hypervisor(StringBuilder b, HypervisorHint hint) {
        String console = null;
        String how = null;
        Entry chosen = tree.path("/chosen");
        String stdout = chosen == null ? null : DtTree.string(chosen.node(), "stdout-path");
        if (stdout == null && chosen != null) {
            stdout = DtTree.string(chosen.node(), "linux,stdout-path");
        }
        if (stdout != null) {
            String target = resolve(stdout.split(":")[0]);
            BoardDevice d = deviceAt(target);
            if (d != null) {
                console = d.printedName;
                how = "/chosen stdout-path " + stdout + (d.dtPath.equals(target) ? "" : ", in the pages of " + d.dtPath);
            } else {
                b.append("\n    // /chosen stdout-path ").append(ShyText.comment(stdout)).append(" names ")
                        .append(target == null ? "no node" : ShyText.comment(target))
                        .append(", which is not a device here: choose the console by hand\n");
            }
        } else {
            // No stdout-path: the boot loader usually chooses serial0; take the first serial alias that is a device.
            for (int i = 0; i < 16 && console == null; i++) {
                BoardDevice d = deviceAt(resolve("serial" + i));
                if (d != null) {
                    console = d.printedName;
                    how = "no /chosen stdout-path: the serial" + i + " alias";
                }
            }
            // Nor an alias: the first UART the tree enables (a guess, and said so).
            for (BoardDevice d : devices) {
                if (console == null && !d.disabled && UART.matcher(d.compatible).find()) {
                    console = d.printedName;
                    how = "a guess: the tree has no stdout-path and no serial alias; this is its first enabled UART";
                }
            }
            if (console == null) {
                b.append("\n    // no /chosen stdout-path, no serial alias and no enabled UART: choose the console by hand\n");
            }
        }
        b.append('\n');
        if (hint == null) {
            b.append("    // The DTB does not say where the hypervisor lives: fill in and uncomment.\n");
            b.append("    // hypervisor {\n");
            b.append("    //     reserve @ 0x… size …\n");
            b.append("    //     load @ 0x…\n");
            b.append("    //     console ").append(console == null ? "…" : console).append('\n');
            b.append("    // }\n");
            return;
        }
        b.append("    hypervisor {\n");
        b.append("        reserve @ ").append(address(hint.reserveBase())).append(" size ").append(size(hint.reserveSize()))
                .append('\n');
        b.append("        load @ ").append(address(hint.loadAddress())).append('\n');
        if (console != null) {
            b.append("        console ").append(console).append("   // ").append(ShyText.comment(how)).append('\n');
        }
        b.append("    }\n");
    }
}
