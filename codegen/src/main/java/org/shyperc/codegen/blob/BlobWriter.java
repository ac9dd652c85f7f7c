package org.shyperc.codegen.blob;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import org.shyperc.abi.BlobLayout;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.Lifecycle;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** Serialises a Plan into the config blob the runtime reads (layout: {@link BlobLayout}). */
public final class BlobWriter {
    private BlobWriter() { }

    /** A payload placed in the image: {@code offset} bytes after the load address, copied to {@code pa} at boot. */
    public record Payload(int vm, int kind, long offset, long size, long pa) { }

    /** Blob size for a plan with {@code payloadCount} payloads (does not depend on any address). */
    public static int size(Plan plan, int payloadCount) {
        return tables(plan, payloadCount).total;
    }

    /**
     * The blob of a Plan that checked clean. The checks of the shyper image (compiler/.../target)
     * refuse every plan the runtime cannot hold, so the limits asserted here are never reached from
     * user input; reaching one is a bug in a check, reported as such.
     */
    public static byte[] write(Plan plan, long imageSize, List<Payload> payloads) {
        return write(plan, imageSize, payloads, 0);
    }

    /** @param headerFlags {@code BlobLayout.FLAG_*} bits for the header (what the runtime is asked to do beyond the plan) */
    public static byte[] write(Plan plan, long imageSize, List<Payload> payloads, int headerFlags) {
        assertAbi((headerFlags & ~BlobLayout.KNOWN_FLAGS) == 0, "header flags 0x" + Integer.toHexString(headerFlags));
        BoardPlan board = plan.board();
        InterruptControllerPlan gic = board.interruptController();
        DevicePlan console = board.device(plan.hypervisor().console());
        boolean riscv = board.arch() == BoardPlan.Arch.RISCV64;
        assertAbi(riscv || board.arch() == BoardPlan.Arch.AARCH64, "a runtime for " + board.arch());
        assertAbi(board.cpus().size() <= RuntimeLimits.MAX_CPUS, board.cpus().size() + " cores");
        assertAbi(!plan.vms().isEmpty() && plan.vms().size() <= RuntimeLimits.MAX_VMS, plan.vms().size() + " VMs");
        assertAbi((gic.kind() == InterruptControllerPlan.Kind.PLIC) == riscv, "a " + board.arch() + " board with a " + gic.kind());
        assertAbi(console != null && RuntimeLimits.consoleKind(console.compatible()) != 0, "console " + plan.hypervisor().console());
        long ipaTop = 1L << (riscv ? RuntimeLimits.RISCV64_IPA_BITS : RuntimeLimits.IPA_BITS);
        for (VmPlan vm : plan.vms()) {
            int n = vm.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertAbi(n < RuntimeLimits.NAME_LEN, "VM name `" + vm.name() + "` of " + n + " bytes");
            for (RegionRow r : regionsOf(vm)) {
                assertAbi(Long.compareUnsigned(r.ipa + r.size, ipaTop) <= 0 && Long.compareUnsigned(r.ipa, ipaTop) < 0,
                        String.format("vm %s maps IPA 0x%x..0x%x", vm.name(), r.ipa, r.ipa + r.size));
            }
        }
        long el2Top = 1L << RuntimeLimits.EL2_MAP_BITS;
        for (BoardPlan.MemoryBank b : board.dram()) {
            assertAbi(riscv || Long.compareUnsigned(b.end(), el2Top) <= 0, "DRAM bank " + b.name()); // riscv64's HS map is bare
        }
        Tables t = tables(plan, payloads.size());
        assertAbi(t.total <= RuntimeLimits.MAX_BLOB_SIZE, "a blob of " + t.total + " bytes");
        assertAbi(t.regionCount <= RuntimeLimits.MAX_REGIONS, t.regionCount + " stage-2 regions");
        ByteBuffer out = ByteBuffer.allocate(t.total).order(ByteOrder.LITTLE_ENDIAN);

        List<Integer> timers = board.timerIrqs();
        boolean plic = riscv;

        List<byte[]> regions = new ArrayList<>();
        List<byte[]> irqs = new ArrayList<>();
        List<byte[]> vms = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            int firstRegion = regions.size();
            int firstIrq = irqs.size();
            for (RegionRow r : regionsOf(vm, plan.hypervisor().blocksAllowed())) {
                int flags = r.kind == BlobLayout.REGION_VIRTIO ? r.virtioId
                        : (r.writable ? BlobLayout.REGION_WRITABLE : 0) | r.memoryFlags;
                regions.add(BlobLayout.REGION.instance().set("ipa", r.ipa).set("pa", r.pa).set("size", r.size)
                        .set("vm", vm.id()).set("kind", r.kind).set("flags", flags).set("irq", r.irq).bytes());
            }
            vm.passthrough().stream().flatMap(p -> p.irqs().stream()).sorted().distinct().forEach(irq ->
                    irqs.add(BlobLayout.IRQ.instance().set("intid", irq).set("vm", vm.id()).bytes()));
            VmPlan.VirtualGic vg = vm.vgic();
            if (plic && vg.distributorSize() == 0) {
                // The layout places no virtual PLIC: the VM sees its PLIC where the board's is (as its device tree says).
                vg = new VmPlan.VirtualGic(gic.plic().base(), gic.plic().size(), 0, 0, 0, 0);
            }
            VmPlan.Console vc = vm.console();
            org.shyperc.plan.Colouring colouring = colouring(vm);
            vms.add(BlobLayout.VM.instance()
                    .set("name", vm.name()).set("id", vm.id())
                    .set("kind", vm.kind() == VmPlan.Kind.LINUX ? BlobLayout.VM_KIND_LINUX : BlobLayout.VM_KIND_BAREMETAL)
                    .set("flags", (vm.management() ? BlobLayout.VM_FLAG_MANAGEMENT : 0)
                            | (colouring != null ? BlobLayout.VM_FLAG_COLOURED : 0)
                            | (vm.lifecycle().waits() ? BlobLayout.VM_FLAG_WAITING : 0))
                    .set("lifecycle", lifecycle(vm.lifecycle()))
                    .set("vcpu_count", vm.cpus().size())
                    .set("first_region", firstRegion).set("region_count", regions.size() - firstRegion)
                    .set("first_irq", firstIrq).set("irq_count", irqs.size() - firstIrq)
                    .set("entry_ipa", vm.kernel().entry()).set("dtb_ipa", vm.dtbIpa())
                    .set("console_kind", vc == null ? 0 : consoleKind(vc.compatible(), null))
                    .set("console_ipa", vc == null ? 0 : vc.ipa()).set("console_size", vc == null ? 0 : vc.size())
                    .set("gicd_ipa", vg.distributorIpa()).set("gicd_size", vg.distributorSize())
                    .set("gicc_ipa", vg.cpuInterfaceIpa()).set("gicc_size", vg.cpuInterfaceSize())
                    .set("gicr_ipa", vg.redistributorIpa()).set("gicr_size", vg.redistributorSize())
                    .set("colour_mask", colouring == null ? 0 : colouring.mask())
                    .set("colours", colouring == null ? 0 : colouring.count())
                    .bytes());
        }

        out.put(BlobLayout.HEADER.instance()
                .set("magic", BlobLayout.MAGIC).set("version", BlobLayout.VERSION)
                .set("header_size", BlobLayout.HEADER.size()).set("total_size", t.total).set("flags", headerFlags)
                .set("console_base", console.base()).set("console_kind", consoleKind(console.compatible(), console))
                .set("console_irq", console.irqs().isEmpty() ? 0 : console.irqs().get(0))
                .set("load_address", plan.hypervisor().loadAddress()).set("image_size", imageSize)
                .set("reserve_base", plan.hypervisor().reserveBase()).set("reserve_size", plan.hypervisor().reserveSize())
                .set("gic_version", switch (gic.kind()) {
                    case GICV2 -> 2;
                    case GICV3 -> 3;
                    case PLIC -> BlobLayout.INTC_PLIC;
                })
                .set("gic_lines", gic.lines())
                .set("gicd_base", plic ? gic.plic().base() : base(gic.distributor())).set("gicc_base", base(gic.cpuInterface()))
                .set("gich_base", base(gic.hypInterface())).set("gicv_base", base(gic.virtualCpuInterface()))
                .set("gicr_base", base(gic.redistributor()))
                // GIC interrupt numbers; a PLIC board has none of them (timers and IPIs are the harts' own).
                .set("maintenance_irq", plic ? 0 : gic.maintenanceIrq())
                .set("vtimer_irq", plic ? 0 : timers.size() > 2 ? timers.get(2) : 27)
                .set("hyp_timer_irq", plic ? 0 : timers.size() > 3 ? timers.get(3) : 26)
                .set("ipi_sgi", plic ? 0 : plan.hypervisor().ipiSgi())
                .set("cpu_count", board.cpus().size()).set("vm_count", plan.vms().size())
                .set("dram_count", board.dram().size()).set("region_count", regions.size())
                .set("irq_count", irqs.size()).set("payload_count", payloads.size())
                .set("cpu_off", t.cpuOff).set("vm_off", t.vmOff).set("dram_off", t.dramOff)
                .set("region_off", t.regionOff).set("irq_off", t.irqOff).set("payload_off", t.payloadOff)
                .set("system", banner(plan.system()))
                .set("console_size", console.size())
                .set("gicd_size", plic ? gic.plic().size() : size(gic.distributor())).set("gicc_size", size(gic.cpuInterface()))
                .set("gich_size", size(gic.hypInterface())).set("gicv_size", size(gic.virtualCpuInterface()))
                .set("gicr_size", size(gic.redistributor()))
                .set("doorbell_count", plan.doorbells().size()).set("doorbell_off", t.doorbellOff)
                .set("hyp_colour_mask", plan.hypervisor().colours() == null ? 0 : plan.hypervisor().colours().mask())
                .set("hyp_colours", plan.hypervisor().colours() == null ? 0 : plan.hypervisor().colours().count())
                .bytes());

        out.position(t.cpuOff);
        for (BoardPlan.CpuPlan c : board.cpus()) {
            long owner = BlobLayout.NO_VM;
            int vcpu = 0;
            for (VmPlan vm : plan.vms()) {
                int n = vm.cpus().indexOf(c.index());
                if (n >= 0) { owner = vm.id(); vcpu = n; }
            }
            boolean spin = c.enableMethod() == BoardPlan.EnableMethod.SPIN_TABLE;
            out.put(BlobLayout.CPU.instance().set("mpidr", c.mpidr()).set("index", c.index())
                    .set("vm", owner).set("vcpu", vcpu)
                    .set("start", spin ? BlobLayout.CPU_START_SPIN_TABLE : BlobLayout.CPU_START_PSCI)
                    .set("release_addr", spin ? c.releaseAddress() : 0).bytes());
        }
        out.position(t.dramOff);
        for (BoardPlan.MemoryBank b : board.dram()) {
            out.put(BlobLayout.DRAM.instance().set("base", b.base()).set("size", b.size()).bytes());
        }
        out.position(t.vmOff);
        vms.forEach(out::put);
        out.position(t.regionOff);
        if (regions.size() != t.regionCount) throw new IllegalStateException("region count");
        regions.forEach(out::put);
        out.position(t.irqOff);
        irqs.forEach(out::put);
        out.position(t.payloadOff);
        for (Payload p : payloads) {
            out.put(BlobLayout.PAYLOAD.instance().set("offset", p.offset()).set("size", p.size()).set("pa", p.pa())
                    .set("vm", p.vm()).set("kind", p.kind()).bytes());
        }
        out.position(t.doorbellOff);
        for (DoorbellPlan d : plan.doorbells()) {
            VmPlan from = plan.vm(d.from());
            VmPlan to = plan.vm(d.to());
            assertAbi(!riscv && from != null && to != null && from != to && d.irq() >= 32 && d.irq() < RuntimeLimits.MAX_INTIDS,
                    "doorbell " + d.id());
            out.put(BlobLayout.DOORBELL.instance().set("from", plan.vms().indexOf(from)).set("to", plan.vms().indexOf(to))
                    .set("intid", d.irq()).bytes());
        }
        byte[] blob = out.array();
        CRC32 crc = new CRC32();
        crc.update(blob);
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(BlobLayout.HEADER.field("crc32").offset(), (int) crc.getValue());
        return blob;
    }

    /** The system name as the runtime's banner shows it: cut to fit, on a character boundary. */
    static String banner(String system) {
        String s = system;
        while (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= BlobLayout.NAME_LEN) s = s.substring(0, s.length() - 1);
        return s;
    }

    /**
     * The console driver for a UART ({@link RuntimeLimits#consoleKind(String, boolean)}): a plain 16550's
     * registers are 1 byte apart unless the board gives it a `reg-shift` of 2.
     *
     * @param device the board device, for its `reg-shift`; null for a VM's emulated console
     */
    /** shy_blob_vm.lifecycle: 0 for a VM with the default lifecycle (BlobLayout.LIFE_*). */
    static long lifecycle(Lifecycle l) {
        int word = 0;
        for (Lifecycle.Event e : Lifecycle.Event.values()) {
            Lifecycle.Policy p = l.policy(e);
            int code = p == e.byDefault() ? BlobLayout.LIFE_DEFAULT : switch (p) {
                case HALT -> BlobLayout.LIFE_HALT;
                case RESTART -> BlobLayout.LIFE_RESTART;
                case STOP_SYSTEM -> BlobLayout.LIFE_STOP_SYSTEM;
            };
            word |= code << (2 * e.ordinal());
        }
        return word | (long) l.watchdogMs() << BlobLayout.LIFE_WATCHDOG_SHIFT;
    }

    static int consoleKind(String compatible, DevicePlan device) {
        boolean shift2 = device != null && device.properties().stream()
                .anyMatch(p -> p.name().equals("reg-shift") && p.cells().equals(List.of(2L)));
        int kind = RuntimeLimits.consoleKind(compatible, shift2);
        assertAbi(kind != 0, "no console driver for \"" + compatible + "\"");
        return kind;
    }

    /** A limit of the runtime the checks should have enforced: failing it is a bug of shyperc's, not the user's. */
    static void assertAbi(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("internal error: a plan the hypervisor runtime cannot hold passed the checks ("
                    + what + "); a check of the shyper image is missing");
        }
    }

    private static long base(InterruptControllerPlan.Frame f) { return f == null ? 0 : f.base(); }

    private static long size(InterruptControllerPlan.Frame f) { return f == null ? 0 : f.size(); }

    /**
     * {@code memoryFlags}: SHY_REGION_NOCACHE or SHY_REGION_DEVICE where the memory type is not the kind's own, and
     * SHY_REGION_COLOURED for a coloured VM's RAM.
     */
    record RegionRow(long ipa, long pa, long size, int kind, boolean writable, int virtioId, int irq, int memoryFlags) {
        RegionRow(long ipa, long pa, long size, int kind, boolean writable) { this(ipa, pa, size, kind, writable, 0, 0, 0); }

        RegionRow(long ipa, long pa, long size, int kind, boolean writable, int virtioId, int irq) {
            this(ipa, pa, size, kind, writable, virtioId, irq, 0);
        }
    }

    /** The blob's memory-type flag of a mapping: none where the type is the one its kind has anyway. */
    static int memoryFlags(Mapping m, int kind) {
        return switch (m.attributes().memory()) {
            case NORMAL_NONCACHEABLE -> BlobLayout.REGION_NOCACHE;
            case DEVICE -> kind == BlobLayout.REGION_MMIO ? 0 : BlobLayout.REGION_DEVICE;
            case NORMAL -> 0;
        };
    }

    /** cache colouring: the colours of a VM's RAM (every coloured region of a VM has the same), or null. */
    static org.shyperc.plan.Colouring colouring(VmPlan vm) {
        for (Mapping m : vm.mappings()) if (m.coloured()) return m.attributes().colouring();
        return null;
    }

    /**
     * The VM's regions in the blob, by IPA: its mapping list ({@link VmPlan#mappings()}) without the
     * windows the VM struct describes itself (console, virtual GIC). RAM, passthrough MMIO (devices, and
     * passthrough windows with the devices in them) and shared windows are mapped; a virtio slot stays unmapped and carries its device ID and interrupt.
     */
    static List<RegionRow> regionsOf(VmPlan vm) {
        return regionsOf(vm, true);
    }

    /** The same; where {@code blocks} is false (`stage2-blocks off`) every mapped region but `hugepages` RAM is held to pages. */
    static List<RegionRow> regionsOf(VmPlan vm, boolean blocks) {
        List<RegionRow> rows = new ArrayList<>();
        for (Mapping m : vm.mappings()) {
            int pages = blocks || (m.attributes() != null && m.attributes().block() != null) ? 0 : BlobLayout.REGION_PAGES;
            switch (m.kind()) {
                case RAM -> rows.add(new RegionRow(m.ipa(), m.pa(), m.size(), BlobLayout.REGION_RAM, true, 0, 0,
                        memoryFlags(m, BlobLayout.REGION_RAM) | (m.coloured() ? BlobLayout.REGION_COLOURED : 0) | pages));
                case PASSTHROUGH, WINDOW -> rows.add(new RegionRow(m.ipa(), m.pa(), m.size(), BlobLayout.REGION_MMIO, true, 0, 0,
                        memoryFlags(m, BlobLayout.REGION_MMIO) | pages));
                case SHARED -> rows.add(new RegionRow(m.ipa(), m.pa(), m.size(), BlobLayout.REGION_SHARED,
                        m.access() == Mapping.Access.READ_WRITE, 0, 0, memoryFlags(m, BlobLayout.REGION_SHARED) | pages));
                case VIRTIO -> rows.add(new RegionRow(m.ipa(), 0, m.size(), BlobLayout.REGION_VIRTIO, false,
                        BlobLayout.virtioId(m.name()), virtioIrq(vm, m.ipa())));
                default -> { }
            }
        }
        return rows;
    }

    private static int virtioIrq(VmPlan vm, long ipa) {
        for (VmPlan.Virtio v : vm.virtio()) if (v.ipa() == ipa) return v.irq();
        throw new IllegalStateException("no virtio device of vm " + vm.name() + " at its mapping's IPA");
    }

    private record Tables(int cpuOff, int dramOff, int vmOff, int regionOff, int regionCount, int irqOff, int payloadOff,
                          int doorbellOff, int total) { }

    private static Tables tables(Plan plan, int payloadCount) {
        int regionCount = plan.vms().stream().mapToInt(v -> regionsOf(v).size()).sum();
        int irqCount = (int) plan.vms().stream().mapToLong(v ->
                v.passthrough().stream().flatMap(p -> p.irqs().stream()).distinct().count()).sum();
        int cpuOff = BlobLayout.HEADER.size();
        int dramOff = cpuOff + plan.board().cpus().size() * BlobLayout.CPU.size();
        int vmOff = dramOff + plan.board().dram().size() * BlobLayout.DRAM.size();
        int regionOff = vmOff + plan.vms().size() * BlobLayout.VM.size();
        int irqOff = regionOff + regionCount * BlobLayout.REGION.size();
        int payloadOff = irqOff + irqCount * BlobLayout.IRQ.size();
        int doorbellOff = payloadOff + payloadCount * BlobLayout.PAYLOAD.size();
        int total = doorbellOff + plan.doorbells().size() * BlobLayout.DOORBELL.size();
        return new Tables(cpuOff, dramOff, vmOff, regionOff, regionCount, irqOff, payloadOff, doorbellOff, total);
    }
}
