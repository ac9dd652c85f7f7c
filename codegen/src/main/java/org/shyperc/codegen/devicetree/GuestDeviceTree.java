package org.shyperc.codegen.devicetree;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.shyperc.codegen.devicetree.DtNode.DtProperty;
import org.shyperc.codegen.devicetree.DtValue.Cell;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Builds the device tree one VM boots with: what the VM sees at its IPAs, nothing of
 * the board it does not own. Node order is fixed (chosen, aliases, cpus, memory, psci,
 * timer, GIC, clock, console, passthrough, virtio, reserved-memory) so output is stable.
 */
public final class GuestDeviceTree {

    static final int GIC_PHANDLE = 1;
    static final int CLOCK_PHANDLE = 2;
    static final String GIC_LABEL = "gic";
    static final String CLOCK_LABEL = "apb_pclk";
    static final String PLIC_LABEL = "plic";
    /** Phandles of shared windows' reserved-memory nodes, one per window from here (harts' start at 3). */
    static final int SHARED_PHANDLES = 0x1000;
    /** The compatible of a shared window's device node, for a driver to bind to. */
    static final String SHARED_COMPATIBLE = "shyperc,shared-memory";

    /** GIC interrupt specifier cells: type (0 SPI, 1 PPI), number, flags. */
    static final int GIC_SPI = 0;
    static final int GIC_PPI = 1;
    static final int IRQ_EDGE_RISING = 1;
    static final int IRQ_LEVEL_HIGH = 4;

    /** QEMU virt's APB clock; the guest only needs a rate for the PL011 baud divisor. */
    static final long APB_CLOCK_HZ = 24_000_000L;
    static final long NS16550_CLOCK_HZ = 3_686_400L;

    /**
     * Properties of a real board DTB that hold phandles of nodes the guest does not have
     * (clocks, pins, resets, ...): copying them would leave dangling references.
     */
    static final Set<String> HOST_REFERENCES = Set.of(
            "clocks", "assigned-clocks", "assigned-clock-parents", "assigned-clock-rates", "resets",
            "pinctrl-0", "pinctrl-1", "pinctrl-2", "power-domains", "phys", "dmas", "iommus", "mboxes",
            "nvmem-cells", "interrupts-extended", "msi-parent", "thermal-sensors", "operating-points-v2",
            "interconnects", "memory-region", "syscon", "msi-map", "iommu-map", "hwlocks", "sound-dai", "io-channels",
            "nvmem", "resets-names-ref");

    /**
     * Names that only label entries of a property dropped above; kept alone they would make a
     * driver look for a clock or reset that is not there (PL031 with clock-names but no clocks
     * does not probe).
     */
    static final Set<String> NAMES_OF_DROPPED = Set.of("clock-names", "reset-names", "dma-names", "phy-names",
            "pinctrl-names", "mbox-names", "power-domain-names", "interconnect-names", "nvmem-cell-names",
            "assigned-clock-names");

    /** Properties this builder writes itself from the Plan. */
    static final Set<String> OWN_PROPERTIES = Set.of(
            "compatible", "reg", "interrupts", "interrupt-parent", "status", "phandle", "linux,phandle",
            "interrupt-names");

    private GuestDeviceTree() { }

    /**
     * @param initrdSize size in bytes of the VM's initrd file (the Plan knows its path and
     *                   load address, not its length); ignored when the VM has no initrd
     */
    public static DtNode build(Plan plan, VmPlan vm, long initrdSize) {
        BoardPlan board = plan.board();
        DtBuilder root = new DtBuilder("");
        root.cells("#address-cells", 2).cells("#size-cells", 2);
        root.string("compatible", "shyperc,vm", "linux,dummy-virt");
        root.string("model", "shyperc " + plan.system() + "/" + vm.name() + " on " + boardModel(board));
        boolean riscv = board.arch() == BoardPlan.Arch.RISCV64;
        // On RISC-V the harts' own interrupt controllers must have no parent (Linux takes them as the roots of the
        // interrupt tree), so the PLIC is named on each node that has interrupts instead of on the root.
        if (!riscv) root.ref("interrupt-parent", GIC_LABEL, GIC_PHANDLE);

        String consolePath = vm.console() == null ? null : "/" + consoleName(vm.console());
        for (VmPlan.Passthrough p : vm.passthrough()) {
            // a VM the board's console is handed to (`console to`) prints on the UART itself
            if (consolePath == null && p.device().equals(plan.hypervisor().console())) {
                consolePath = "/" + passthroughName(board, p);
            }
        }
        root.child(chosen(vm, consolePath, initrdSize));
        if (consolePath != null) {
            root.child(new DtBuilder("aliases").string("serial0", consolePath).build());
        }
        root.child(riscv ? RiscvNodes.cpus(vm) : ArmNodes.cpus(board, vm));
        for (Mapping m : vm.mappings()) {
            if (m.kind() != Mapping.Kind.RAM) continue;
            root.child(DtBuilder.node("memory", m.ipa()).string("device_type", "memory").reg64(m.ipa(), m.size())
                    .build());
        }
        if (riscv) {
            root.child(RiscvNodes.plic(board, vm));
        } else {
            root.child(ArmNodes.psci());
            root.child(ArmNodes.timer(board, vm));
            root.child(ArmNodes.gic(board, vm));
        }
        boolean needsClock = (vm.console() != null && isPrimeCell(List.of(vm.console().compatible())))
                || vm.passthrough().stream().anyMatch(p -> isPrimeCell(compatibles(board.device(p.device()))));
        if (needsClock) {
            root.child(new DtBuilder("apb-pclk").label(CLOCK_LABEL).string("compatible", "fixed-clock")
                    .cells("#clock-cells", 0).cells("clock-frequency", APB_CLOCK_HZ)
                    .string("clock-output-names", "clk24mhz").cells("phandle", CLOCK_PHANDLE).build());
        }
        if (vm.console() != null) {
            root.child(console(vm.console(), board.device(plan.hypervisor().console()), riscv));
        }
        for (VmPlan.Passthrough p : vm.passthrough()) {
            List<DtNode> transports = virtioTransports(board, p, riscv);
            if (transports != null) transports.forEach(root::child);
            else root.child(passthrough(board, p, riscv));
        }
        for (VmPlan.Virtio v : vm.virtio()) {
            DtBuilder n = DtBuilder.node("virtio", v.ipa()).string("compatible", "virtio,mmio").reg64(v.ipa(), v.size());
            if (riscv) n.ref("interrupt-parent", PLIC_LABEL, GIC_PHANDLE);
            root.child(n.cellList("interrupts", riscv ? List.of(Cell.of(v.irq())) : irqCells(v.irq(), IRQ_EDGE_RISING, 0))
                    .flag("dma-coherent").build());
        }
        List<Mapping> windows = vm.mappings().stream().filter(m -> m.kind() == Mapping.Kind.SHARED).toList();
        if (!windows.isEmpty()) {
            DtBuilder rsv = new DtBuilder("reserved-memory").cells("#address-cells", 2).cells("#size-cells", 2)
                    .flag("ranges");
            List<DtNode> channels = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                Mapping w = windows.get(i);
                // The region is kept out of the guest's RAM (no-map); a device node names it, so a
                // driver can bind to the channel (uio_pdrv_genirq with of_id=shyperc,shared-memory).
                String label = "shm_" + nodeName(w.name()).replaceAll("[^a-z0-9_]", "_");
                int phandle = SHARED_PHANDLES + i;
                DtBuilder n = DtBuilder.node(nodeName(w.name()), w.ipa()).label(label).reg64(w.ipa(), w.size())
                        .flag("no-map").cells("phandle", phandle);
                DtBuilder dev = DtBuilder.node("shm", w.ipa()).string("compatible", SHARED_COMPATIBLE)
                        .reg64(w.ipa(), w.size()).string("label", w.name()).ref("memory-region", label, phandle);
                if (w.access() == Mapping.Access.READ_ONLY) {
                    // No standard property says "read-only"; this one tells the guest's driver.
                    n.flag("shyperc,read-only");
                    dev.flag("shyperc,read-only");
                }
                String type = memoryType(w.attributes().memory());
                if (type != null) {
                    // No standard property says how memory is mapped either: stage 2 already makes every access of
                    // the guest at most this (the stronger type wins), and no-map keeps it out of the linear map,
                    // so a guest needs no alias of its own; this tells its driver (docs/outputs.md).
                    n.string("shyperc,memory-type", type);
                    dev.string("shyperc,memory-type", type);
                }
                doorbells(plan, vm, w.name(), dev, riscv);
                rsv.child(n.build());
                channels.add(dev.build());
            }
            root.child(rsv.build());
            channels.forEach(root::child);
        }
        return root.build();
    }

    /** The `shyperc,memory-type` of a shared window: none for Normal write-back, the default. */
    static String memoryType(Mapping.MemoryType t) {
        return switch (t) {
            case NORMAL -> null;
            case NORMAL_NONCACHEABLE -> "normal-non-cacheable";
            case DEVICE -> "device-ngnre";
        };
    }

    /**
     * Doorbells (issue 13) of the shared region {@code region} on its channel node, only when it has any for this VM:
     * `interrupts`, the SPIs of the doorbells it receives (edge), and `shyperc,doorbells`, the indices of the ones it
     * may ring (the argument of the ring hypercall, docs/runtime.md).
     */
    private static void doorbells(Plan plan, VmPlan vm, String region, DtBuilder dev, boolean riscv) {
        List<Cell> irqs = new ArrayList<>();
        List<Long> rings = new ArrayList<>();
        for (DoorbellPlan d : plan.doorbells()) {
            if (!d.shared().equals(region)) continue;
            if (d.to().equals(vm.name()) && !riscv) irqs.addAll(irqCells(d.irq(), IRQ_EDGE_RISING, 0));
            if (d.from().equals(vm.name())) rings.add((long) d.id());
        }
        if (!irqs.isEmpty()) dev.cellList("interrupts", irqs);
        if (!rings.isEmpty()) dev.cells("shyperc,doorbells", rings.stream().mapToLong(Long::longValue).toArray());
    }

    static String boardModel(BoardPlan board) {
        return board.model() != null && !board.model().isEmpty() ? board.model() : board.name();
    }

    private static DtNode chosen(VmPlan vm, String consolePath, long initrdSize) {
        DtBuilder c = new DtBuilder("chosen");
        if (vm.bootargs() != null && !vm.bootargs().isEmpty()) {
            c.string("bootargs", vm.bootargs());
        }
        if (consolePath != null) {
            c.string("stdout-path", consolePath);
        }
        if (vm.initrd() != null) {
            long start = vm.initrd().ipa();
            long end = start + initrdSize;
            // One cell each where the initrd ends within 4 GiB, as QEMU writes them and as the device-tree schema
            // (dt-schema's chosen.yaml) types them; two above, as U-Boot writes them there. Linux reads either width.
            if (Long.compareUnsigned(end, 0xffff_ffffL) <= 0) {
                c.cells("linux,initrd-start", start);
                c.cells("linux,initrd-end", end);
            } else {
                c.cells("linux,initrd-start", start >>> 32, start & 0xffff_ffffL);
                c.cells("linux,initrd-end", end >>> 32, end & 0xffff_ffffL);
            }
        }
        return c.build();
    }

    static String consoleName(VmPlan.Console c) {
        return "serial@" + Long.toHexString(c.ipa());
    }

    /**
     * The VM's emulated UART (vuart.c), described as what it emulates rather than as the board's UART it stands in for.
     * A PL011 gets the interrupt of the board's console (never raised: the VM does not own it, and the vGIC ignores its
     * enable): Linux's pl011 driver fails to open the port without one, and every write from user space to the console
     * was then EIO; its transmitter never waits for an interrupt, as the emulated FIFO is never full. A 16550 is
     * `ns16550a` with the emulation's register spacing and no interrupt, which Linux's 8250 driver polls: a
     * Tegra or DesignWare compatible bound no driver or asked for that UART's clocks, and an interrupt that never
     * comes would hold an 8250's output back.
     */
    private static DtNode console(VmPlan.Console c, DevicePlan boardConsole, boolean riscv) {
        int kind = org.shyperc.abi.RuntimeLimits.consoleKind(c.compatible(), false);
        if (kind == org.shyperc.abi.BlobLayout.CONSOLE_NS16550 || kind == org.shyperc.abi.BlobLayout.CONSOLE_NS16550_R1) {
            DtBuilder n = new DtBuilder(consoleName(c)).string("compatible", "ns16550a").reg64(c.ipa(), c.size())
                    .cells("clock-frequency", NS16550_CLOCK_HZ);
            if (kind == org.shyperc.abi.BlobLayout.CONSOLE_NS16550) n.cells("reg-shift", 2).cells("reg-io-width", 4);
            return n.build();
        }
        List<String> compat = isPrimeCell(List.of(c.compatible())) && !c.compatible().equals("arm,primecell")
                ? List.of(c.compatible(), "arm,primecell") : List.of(c.compatible());
        DtBuilder n = new DtBuilder(consoleName(c)).strings("compatible", compat).reg64(c.ipa(), c.size());
        if (!riscv && compat.contains("arm,pl011") && boardConsole != null && !boardConsole.irqs().isEmpty()
                && boardConsole.irqs().get(0) >= 32) {
            n.cellList("interrupts", irqCells(boardConsole.irqs().get(0), IRQ_LEVEL_HIGH, 0));
        }
        if (isPrimeCell(compat)) {
            clocks(n, compat);
        }
        return n.build();
    }

    /**
     * A passthrough virtio-mmio device with several interrupts is that many transports: a
     * virtio-mmio transport has one interrupt, so N interrupts in one frame are N transports of
     * size/N bytes, the k-th with the k-th interrupt (QEMU's `virt` puts eight 0x200-byte transports
     * in each 4 KiB page, SPIs in address order). Each gets its own node, as in the board's tree;
     * null for any other device.
     */
    private static List<DtNode> virtioTransports(BoardPlan board, VmPlan.Passthrough p, boolean riscv) {
        DevicePlan dev = board.device(p.device());
        int n = p.irqs().size();
        if (dev == null || !compatibles(dev).contains("virtio,mmio") || n < 2 || p.size() % n != 0) return null;
        long step = p.size() / n;
        List<Integer> irqs = p.irqs().stream().sorted().toList();
        List<DtNode> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long ipa = p.ipa() + k * step;
            out.add(DtBuilder.node("virtio_mmio", ipa).string("compatible", "virtio,mmio").reg64(ipa, step)
                    .cellList("interrupts", riscv ? List.of(Cell.of(irqs.get(k))) : irqCells(irqs.get(k), IRQ_EDGE_RISING, 0))
                    .flag("dma-coherent").build());
        }
        return out;
    }

    /** The node name of a passthrough device: its node's name in the board's tree, at its IPA. */
    private static String passthroughName(BoardPlan board, VmPlan.Passthrough p) {
        DevicePlan dev = board.device(p.device());
        String base = dev != null && dev.dtPath() != null ? baseOfPath(dev.dtPath()) : p.device();
        return nodeName(base) + "@" + Long.toHexString(p.ipa());
    }

    private static DtNode passthrough(BoardPlan board, VmPlan.Passthrough p, boolean riscv) {
        DevicePlan dev = board.device(p.device());
        List<String> compat = compatibles(dev);
        DtBuilder n = new DtBuilder(passthroughName(board, p)).strings("compatible", compat).reg64(p.ipa(), p.size());
        if (!p.irqs().isEmpty()) {
            if (riscv) n.ref("interrupt-parent", PLIC_LABEL, GIC_PHANDLE);
            List<Cell> cells = new ArrayList<>();
            for (int irq : p.irqs()) {
                // A PLIC specifier is the source number alone.
                cells.addAll(riscv ? List.of(Cell.of(irq)) : irqCells(irq, IRQ_LEVEL_HIGH, 0));
            }
            n.cellList("interrupts", cells);
        }
        if (dev != null) {
            for (DevicePlan.Property prop : dev.properties()) {
                if (OWN_PROPERTIES.contains(prop.name()) || HOST_REFERENCES.contains(prop.name())
                        || NAMES_OF_DROPPED.contains(prop.name())
                        || prop.name().endsWith("-gpios") || prop.name().endsWith("-supply")) {
                    continue;
                }
                n.property(new DtProperty(prop.name(), value(prop)));
            }
        }
        if (isPrimeCell(compat)) {
            clocks(n, compat);
        }
        return n.build();
    }

    /** AMBA PrimeCells (PL011, PL031, ...) only probe in Linux with an apb_pclk clock. */
    private static void clocks(DtBuilder n, List<String> compat) {
        if (compat.contains("arm,pl011")) {
            n.cellList("clocks", List.of(new Cell(CLOCK_PHANDLE, CLOCK_LABEL), new Cell(CLOCK_PHANDLE, CLOCK_LABEL)));
            n.string("clock-names", "uartclk", "apb_pclk");
        } else {
            n.ref("clocks", CLOCK_LABEL, CLOCK_PHANDLE);
            n.string("clock-names", "apb_pclk");
        }
    }

    static List<String> compatibles(DevicePlan dev) {
        if (dev == null) {
            return List.of();
        }
        for (DevicePlan.Property p : dev.properties()) {
            if (p.name().equals("compatible") && !p.strings().isEmpty()) {
                return p.strings();
            }
        }
        if (isPrimeCell(List.of(dev.compatible()))) {
            return List.of(dev.compatible(), "arm,primecell");
        }
        return List.of(dev.compatible());
    }

    static boolean isPrimeCell(List<String> compat) {
        return compat.stream().anyMatch(c -> c.equals("arm,primecell") || c.matches("arm,pl0[0-9][0-9]"));
    }

    private static DtValue value(DevicePlan.Property p) {
        if (!p.strings().isEmpty()) {
            return new DtValue.Strings(p.strings());
        }
        if (!p.cells().isEmpty()) {
            return new DtValue.Cells(p.cells().stream().map(c -> Cell.of(c & 0xffff_ffffL)).toList());
        }
        return new DtValue.Empty();
    }

    /** GIC specifier for an INTID: SPIs from 32, PPIs 16-31; SGIs cannot be described. */
    static List<Cell> irqCells(int intid, int trigger, int ppiCpuMask) {
        if (intid >= 32) {
            return List.of(Cell.of(GIC_SPI), Cell.of(intid - 32L), Cell.of(trigger));
        }
        if (intid >= 16) {
            return List.of(Cell.of(GIC_PPI), Cell.of(intid - 16L), Cell.of(trigger | ppiCpuMask));
        }
        throw new IllegalArgumentException("SGI " + intid + " cannot appear in a device tree");
    }

    private static String baseOfPath(String dtPath) {
        String last = dtPath.substring(dtPath.lastIndexOf('/') + 1);
        int at = last.indexOf('@');
        return at < 0 ? last : last.substring(0, at);
    }

    /** A node name dtc accepts without warning: lower case, [a-z0-9,._+-]. */
    static String nodeName(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toLowerCase(Locale.ROOT).toCharArray()) {
            b.append((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ",.+-".indexOf(ch) >= 0 ? ch : '-');
        }
        return b.length() == 0 ? "node" : b.toString();
    }
}
