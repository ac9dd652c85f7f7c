package org.shyperc.codegen.blob;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.InterruptControllerPlan;
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

    public static byte[] write(Plan plan, long imageSize, List<Payload> payloads) {
        BoardPlan board = plan.board();
        if (board.arch() != BoardPlan.Arch.AARCH64) throw new IllegalArgumentException("the runtime is aarch64 only");
        if (board.cpus().size() > BlobLayout.MAX_CPUS) throw new IllegalArgumentException("more than " + BlobLayout.MAX_CPUS + " cores");
        if (plan.vms().size() > BlobLayout.MAX_VMS) throw new IllegalArgumentException("more than " + BlobLayout.MAX_VMS + " VMs");
        for (VmPlan vm : plan.vms()) {
            int n = vm.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (n >= BlobLayout.NAME_LEN) {
                throw new IllegalArgumentException("VM name `" + vm.name() + "` is " + n + " bytes; the runtime allows "
                        + (BlobLayout.NAME_LEN - 1));
            }
        }
        Tables t = tables(plan, payloads.size());
        if (t.regionCount > BlobLayout.MAX_REGIONS) {
            throw new IllegalArgumentException(t.regionCount + " stage-2 regions; the runtime allows " + BlobLayout.MAX_REGIONS);
        }
        ByteBuffer out = ByteBuffer.allocate(t.total).order(ByteOrder.LITTLE_ENDIAN);

        InterruptControllerPlan gic = board.interruptController();
        DevicePlan console = board.device(plan.hypervisor().console());
        if (console == null) throw new IllegalArgumentException("hypervisor console " + plan.hypervisor().console() + " is not a board device");
        List<Integer> timers = board.timerIrqs();

        List<byte[]> regions = new ArrayList<>();
        List<byte[]> irqs = new ArrayList<>();
        List<byte[]> vms = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            int firstRegion = regions.size();
            int firstIrq = irqs.size();
            for (RegionRow r : regionsOf(vm)) {
                int flags = r.kind == BlobLayout.REGION_VIRTIO ? r.virtioId : r.writable ? BlobLayout.REGION_WRITABLE : 0;
                regions.add(BlobLayout.REGION.instance().set("ipa", r.ipa).set("pa", r.pa).set("size", r.size)
                        .set("vm", vm.id()).set("kind", r.kind).set("flags", flags).set("irq", r.irq).bytes());
            }
            vm.passthrough().stream().flatMap(p -> p.irqs().stream()).sorted().distinct().forEach(irq ->
                    irqs.add(BlobLayout.IRQ.instance().set("intid", irq).set("vm", vm.id()).bytes()));
            VmPlan.VirtualGic vg = vm.vgic();
            VmPlan.Console vc = vm.console();
            vms.add(BlobLayout.VM.instance()
                    .set("name", vm.name()).set("id", vm.id())
                    .set("kind", vm.kind() == VmPlan.Kind.LINUX ? BlobLayout.VM_KIND_LINUX : BlobLayout.VM_KIND_BAREMETAL)
                    .set("flags", vm.management() ? BlobLayout.VM_FLAG_MANAGEMENT : 0)
                    .set("vcpu_count", vm.cpus().size())
                    .set("first_region", firstRegion).set("region_count", regions.size() - firstRegion)
                    .set("first_irq", firstIrq).set("irq_count", irqs.size() - firstIrq)
                    .set("entry_ipa", vm.kernel().entry()).set("dtb_ipa", vm.dtbIpa())
                    .set("console_kind", vc == null ? 0 : consoleKind(vc.compatible()))
                    .set("console_ipa", vc == null ? 0 : vc.ipa()).set("console_size", vc == null ? 0 : vc.size())
                    .set("gicd_ipa", vg.distributorIpa()).set("gicd_size", vg.distributorSize())
                    .set("gicc_ipa", vg.cpuInterfaceIpa()).set("gicc_size", vg.cpuInterfaceSize())
                    .set("gicr_ipa", vg.redistributorIpa()).set("gicr_size", vg.redistributorSize())
                    .bytes());
        }

        out.put(BlobLayout.HEADER.instance()
                .set("magic", BlobLayout.MAGIC).set("version", BlobLayout.VERSION)
                .set("header_size", BlobLayout.HEADER.size()).set("total_size", t.total)
                .set("console_base", console.base()).set("console_kind", consoleKind(console.compatible()))
                .set("console_irq", console.irqs().isEmpty() ? 0 : console.irqs().get(0))
                .set("load_address", plan.hypervisor().loadAddress()).set("image_size", imageSize)
                .set("reserve_base", plan.hypervisor().reserveBase()).set("reserve_size", plan.hypervisor().reserveSize())
                .set("gic_version", switch (gic.kind()) {
                    case GICV2 -> 2;
                    case GICV3 -> 3;
                    case PLIC -> throw new IllegalArgumentException("PLIC boards are not supported by the aarch64 runtime");
                })
                .set("gic_lines", gic.lines())
                .set("gicd_base", base(gic.distributor())).set("gicc_base", base(gic.cpuInterface()))
                .set("gich_base", base(gic.hypInterface())).set("gicv_base", base(gic.virtualCpuInterface()))
                .set("gicr_base", base(gic.redistributor()))
                .set("maintenance_irq", gic.maintenanceIrq())
                .set("vtimer_irq", timers.size() > 2 ? timers.get(2) : 27)
                .set("hyp_timer_irq", timers.size() > 3 ? timers.get(3) : 26)
                .set("ipi_sgi", plan.hypervisor().ipiSgi())
                .set("cpu_count", board.cpus().size()).set("vm_count", plan.vms().size())
                .set("dram_count", board.dram().size()).set("region_count", regions.size())
                .set("irq_count", irqs.size()).set("payload_count", payloads.size())
                .set("cpu_off", t.cpuOff).set("vm_off", t.vmOff).set("dram_off", t.dramOff)
                .set("region_off", t.regionOff).set("irq_off", t.irqOff).set("payload_off", t.payloadOff)
                .set("system", banner(plan.system()))
                .set("console_size", console.size())
                .set("gicd_size", size(gic.distributor())).set("gicc_size", size(gic.cpuInterface()))
                .set("gich_size", size(gic.hypInterface())).set("gicv_size", size(gic.virtualCpuInterface()))
                .set("gicr_size", size(gic.redistributor()))
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

    static int consoleKind(String compatible) {
        if (compatible.contains("pl011")) return BlobLayout.CONSOLE_PL011;
        if (compatible.contains("bcm2835-aux-uart")) return BlobLayout.CONSOLE_BCM2835_AUX;
        // Tegra's UARTs are 16550s with registers 4 bytes apart, as DesignWare's are.
        if (compatible.contains("16550") || compatible.contains("dw-apb-uart") || compatible.contains("8250")
                || compatible.contains("tegra")) {
            return BlobLayout.CONSOLE_NS16550;
        }
        throw new IllegalArgumentException("no console driver for \"" + compatible + "\"");
    }

    private static long base(InterruptControllerPlan.Frame f) { return f == null ? 0 : f.base(); }

    private static long size(InterruptControllerPlan.Frame f) { return f == null ? 0 : f.size(); }

    record RegionRow(long ipa, long pa, long size, int kind, boolean writable, int virtioId, int irq) {
        RegionRow(long ipa, long pa, long size, int kind, boolean writable) { this(ipa, pa, size, kind, writable, 0, 0); }
    }

    static int virtioId(String kind) {
        return switch (kind) {
            case "console" -> BlobLayout.VIRTIO_CONSOLE;
            case "net" -> BlobLayout.VIRTIO_NET;
            case "blk", "block" -> BlobLayout.VIRTIO_BLOCK;
            default -> 0;
        };
    }

    /** Every stage-2 mapping of a VM, sorted by IPA: RAM, passthrough MMIO, shared windows, virtio slots (unmapped). */
    static List<RegionRow> regionsOf(VmPlan vm) {
        List<RegionRow> rows = new ArrayList<>();
        for (VmPlan.Region r : vm.memory()) rows.add(new RegionRow(r.ipa(), r.pa(), r.size(), BlobLayout.REGION_RAM, true));
        for (VmPlan.Passthrough p : vm.passthrough()) rows.add(new RegionRow(p.ipa(), p.pa(), p.size(), BlobLayout.REGION_MMIO, true));
        for (VmPlan.SharedWindow w : vm.sharedWindows()) rows.add(new RegionRow(w.ipa(), w.pa(), w.size(), BlobLayout.REGION_SHARED, w.writable()));
        for (VmPlan.Virtio v : vm.virtio()) {
            rows.add(new RegionRow(v.ipa(), 0, v.size(), BlobLayout.REGION_VIRTIO, false, virtioId(v.kind()), v.irq()));
        }
        rows.sort(Comparator.comparingLong(RegionRow::ipa));
        return rows;
    }

    private record Tables(int cpuOff, int dramOff, int vmOff, int regionOff, int regionCount, int irqOff, int payloadOff, int total) { }

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
        int total = payloadOff + payloadCount * BlobLayout.PAYLOAD.size();
        return new Tables(cpuOff, dramOff, vmOff, regionOff, regionCount, irqOff, payloadOff, total);
    }
}
