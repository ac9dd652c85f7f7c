package org.shyperc.codegen.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.shyperc.abi.BlobLayout;
import org.shyperc.abi.StructDef;
import org.junit.jupiter.api.Test;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.Lifecycle;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

class BlobWriterTest {

    static final List<BlobWriter.Payload> PAYLOADS = List.of(
            new BlobWriter.Payload(0, BlobLayout.PAYLOAD_KERNEL, 0x20000, 0x1234, 0x5008_0000L),
            new BlobWriter.Payload(1, BlobLayout.PAYLOAD_KERNEL, 0x22000, 0x800, 0x6000_0000L));

    static byte[] blob() {
        return BlobWriter.write(BlobTestPlans.twoVms(0x4008_0000L), 0x23000, PAYLOADS);
    }

    static long u64(byte[] b, StructDef s, int base, String field) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(base + s.field(field).offset());
    }

    static long u32(byte[] b, StructDef s, int base, String field) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(base + s.field(field).offset()));
    }

    static String str(byte[] b, StructDef s, int base, String field) {
        int o = base + s.field(field).offset();
        int e = o;
        while (b[e] != 0) e++;
        return new String(b, o, e - o, StandardCharsets.UTF_8);
    }

    @Test
    void goldenBytes() throws Exception {
        // Any change to the layout or the writer changes these bytes: bump BlobLayout.VERSION with it. (7: memory-type
        // region flags; this plan has none, so only the version and the CRC changed. Then the header's last two fields,
        // the hypervisor's colours, 16 bytes, zero here.)
        byte[] b = blob();
        assertEquals(1040, b.length);
        assertEquals("0f7b5913e79c9eea4a57737507d54b61402c93ff4327aaba9ea10fe2256f3ad9", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
    }

    @Test
    void aColouredVmCarriesItsColoursAndItsRamRegionsTheColouredFlag() {
        // cache colouring: examples/qemu-virt-coloured, 32 colours; gamma lists 16-19 and 24-27
        Plan plan = org.shyperc.codegen.emit.Examples.plans(org.shyperc.codegen.emit.Examples.root()
                .resolve("examples/qemu-virt-coloured/system.shy")).get(0);
        byte[] b = BlobWriter.write(plan, 0x23000, List.of());
        int vmOff = (int) u32(b, BlobLayout.HEADER, 0, "vm_off");
        int regionOff = (int) u32(b, BlobLayout.HEADER, 0, "region_off");
        // the hypervisor keeps colours 28-31 (the example's boards), at the header's end
        assertEquals(0xf000_0000L, u64(b, BlobLayout.HEADER, 0, "hyp_colour_mask"));
        assertEquals(32, u32(b, BlobLayout.HEADER, 0, "hyp_colours"));
        int gamma = vmOff + 2 * BlobLayout.VM.size();
        assertEquals("gamma", str(b, BlobLayout.VM, gamma, "name"));
        assertEquals(BlobLayout.VM_FLAG_COLOURED, u32(b, BlobLayout.VM, gamma, "flags") & BlobLayout.VM_FLAG_COLOURED);
        assertEquals(0x0f0f_0000L, u64(b, BlobLayout.VM, gamma, "colour_mask"));
        assertEquals(32, u32(b, BlobLayout.VM, gamma, "colours"));
        int coloured = 0;
        int first = (int) u32(b, BlobLayout.VM, gamma, "first_region");
        for (int i = 0; i < u32(b, BlobLayout.VM, gamma, "region_count"); i++) {
            int r = regionOff + (first + i) * BlobLayout.REGION.size();
            if (u32(b, BlobLayout.REGION, r, "kind") != BlobLayout.REGION_RAM) continue;
            coloured++;
            assertEquals(BlobLayout.REGION_WRITABLE | BlobLayout.REGION_COLOURED, u32(b, BlobLayout.REGION, r, "flags"));
            assertEquals(16L << 20, u64(b, BlobLayout.REGION, r, "size"));
            assertEquals(0, u64(b, BlobLayout.REGION, r, "pa") % (32 * 4096));
        }
        assertEquals(1, coloured);
        // an uncoloured VM's colour fields stay zero
        byte[] plain = blob();
        int v0 = (int) u32(plain, BlobLayout.HEADER, 0, "vm_off");
        assertEquals(0, u64(plain, BlobLayout.VM, v0, "colour_mask"));
        assertEquals(0, u32(plain, BlobLayout.VM, v0, "colours"));
    }

    /** Doorbells (issue 13): the table after the payloads, VM indices and SPIs as the plan says; none without. */
    @Test
    void doorbellTable() {
        StructDef h = BlobLayout.HEADER, d = BlobLayout.DOORBELL;
        assertEquals(0, u32(blob(), h, 0, "doorbell_count"));
        Plan p = BlobTestPlans.twoVms(0x4008_0000L);
        Plan withBells = new Plan(p.system(), p.board(), p.hypervisor(), p.vms(), p.shared(),
                List.of(new DoorbellPlan(0, "chan", "rt", "mvm", 80), new DoorbellPlan(1, "chan", "mvm", "rt", 81)));
        byte[] b = BlobWriter.write(withBells, 0x23000, PAYLOADS);
        assertEquals(2, u32(b, h, 0, "doorbell_count"));
        int off = (int) u32(b, h, 0, "doorbell_off");
        assertEquals(u32(b, h, 0, "payload_off") + PAYLOADS.size() * BlobLayout.PAYLOAD.size(), off);
        assertEquals(b.length, off + 2 * d.size());
        assertEquals(List.of(1L, 0L, 80L), List.of(u32(b, d, off, "from"), u32(b, d, off, "to"), u32(b, d, off, "intid")));
        int second = off + d.size();
        assertEquals(List.of(0L, 1L, 81L), List.of(u32(b, d, second, "from"), u32(b, d, second, "to"), u32(b, d, second, "intid")));
    }

    @Test
    void eachHeaderFlagChangesOnlyTheHeadersFlagsAndCrc() {
        byte[] plain = blob();
        StructDef h = BlobLayout.HEADER;
        assertEquals(0, u32(plain, h, 0, "flags"));
        for (int flag : new int[] {BlobLayout.FLAG_TRAP_STATS, BlobLayout.FLAG_ZERO_RAM, BlobLayout.KNOWN_FLAGS}) {
            byte[] asked = BlobWriter.write(BlobTestPlans.twoVms(0x4008_0000L), 0x23000, PAYLOADS, flag);
            assertEquals(flag, u32(asked, h, 0, "flags"));
            assertEquals(plain.length, asked.length);
            int flags = h.field("flags").offset(), crc = h.field("crc32").offset();
            for (int i = 0; i < plain.length; i++) {
                if (i / 4 != flags / 4 && i / 4 != crc / 4) assertEquals(plain[i], asked[i], "byte " + i);
            }
        }
        assertEquals(3, BlobLayout.KNOWN_FLAGS);
        assertThrows(IllegalStateException.class, () -> BlobWriter.write(BlobTestPlans.twoVms(0x4008_0000L), 0x23000, PAYLOADS, 4));
    }

    /** VM lifecycle: the waiting flag and the lifecycle word, 0 for the default, only in that VM's entry. */
    @Test
    void aVmsLifecycleIsItsFlagAndLifecycleWord() {
        Plan p = BlobTestPlans.twoVms(0x4008_0000L);
        Lifecycle l = Lifecycle.DEFAULT.with(Lifecycle.Event.FAULT, Lifecycle.Policy.RESTART)
                .with(Lifecycle.Event.OFF, Lifecycle.Policy.STOP_SYSTEM).with(Lifecycle.Event.RESET, Lifecycle.Policy.HALT)
                .withWaits(true).withWatchdogMs(200);
        Plan q = new Plan(p.system(), p.board(), p.hypervisor(), List.of(p.vms().get(0), p.vms().get(1).withLifecycle(l)),
                p.shared());
        byte[] plain = blob(), b = BlobWriter.write(q, 0x23000, PAYLOADS);
        int vm = (int) u32(b, BlobLayout.HEADER, 0, "vm_off"), vm1 = vm + BlobLayout.VM.size();
        assertEquals(0, u32(plain, BlobLayout.VM, vm1, "lifecycle"));
        assertEquals(0, u32(b, BlobLayout.VM, vm, "lifecycle"));
        assertEquals(BlobLayout.VM_FLAG_WAITING, u32(b, BlobLayout.VM, vm1, "flags"));
        assertEquals(BlobLayout.LIFE_RESTART | BlobLayout.LIFE_STOP_SYSTEM << 2 | BlobLayout.LIFE_HALT << 4 | 200 << 8,
                u32(b, BlobLayout.VM, vm1, "lifecycle"));
        // a policy that is its event's default is written 0
        Plan r = new Plan(p.system(), p.board(), p.hypervisor(), List.of(p.vms().get(0), p.vms().get(1).withLifecycle(
                Lifecycle.DEFAULT.with(Lifecycle.Event.RESET, Lifecycle.Policy.RESTART).withWatchdogMs(10))), p.shared());
        assertEquals(10 << 8, u32(BlobWriter.write(r, 0x23000, PAYLOADS), BlobLayout.VM, vm1, "lifecycle"));
    }

    @Test
    void headerAndTablesSayWhatThePlanSays() {
        byte[] b = blob();
        StructDef h = BlobLayout.HEADER;
        assertEquals(BlobLayout.MAGIC, u32(b, h, 0, "magic"));
        assertEquals("SHYB", new String(b, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(BlobLayout.VERSION, u32(b, h, 0, "version"));
        assertEquals(b.length, u32(b, h, 0, "total_size"));
        assertEquals(0x0900_0000L, u64(b, h, 0, "console_base"));
        assertEquals(BlobLayout.CONSOLE_PL011, u32(b, h, 0, "console_kind"));
        assertEquals(0x4008_0000L, u64(b, h, 0, "load_address"));
        assertEquals(0x23000, u64(b, h, 0, "image_size"));
        assertEquals(2, u32(b, h, 0, "gic_version"));
        assertEquals(0x0804_0000L, u64(b, h, 0, "gicv_base"));
        // Frame sizes: the runtime refuses VMs that map any of them (and GICV windows larger than GICV).
        assertEquals(0x1000, u64(b, h, 0, "console_size"));
        assertEquals(0x1_0000, u64(b, h, 0, "gicd_size"));
        assertEquals(0, u64(b, h, 0, "gicr_size"));
        assertEquals(27, u32(b, h, 0, "vtimer_irq"));
        assertEquals("demo", str(b, h, 0, "system"));

        int cpu = (int) u32(b, h, 0, "cpu_off");
        assertEquals(4, u32(b, h, 0, "cpu_count"));
        assertEquals(1, u32(b, BlobLayout.CPU, cpu + BlobLayout.CPU.size(), "vcpu"));         // core 1 = mvm vCPU 1
        assertEquals(BlobLayout.NO_VM, u32(b, BlobLayout.CPU, cpu + 2 * BlobLayout.CPU.size(), "vm")); // core 2 idle
        assertEquals(1, u32(b, BlobLayout.CPU, cpu + 3 * BlobLayout.CPU.size(), "vm"));

        int vm = (int) u32(b, h, 0, "vm_off");
        int vm1 = vm + BlobLayout.VM.size();
        assertEquals("mvm", str(b, BlobLayout.VM, vm, "name"));
        assertEquals(BlobLayout.VM_FLAG_MANAGEMENT, u32(b, BlobLayout.VM, vm, "flags"));
        assertEquals(0x8300_0000L, u64(b, BlobLayout.VM, vm, "dtb_ipa"));
        assertEquals("rt", str(b, BlobLayout.VM, vm1, "name"));
        assertEquals(1, u32(b, BlobLayout.VM, vm1, "vcpu_count"));
        assertEquals(3, u32(b, BlobLayout.VM, vm1, "region_count"));   // RAM, RTC, shared window (by IPA)
        assertEquals(1, u32(b, BlobLayout.VM, vm1, "irq_count"));

        int reg = (int) u32(b, h, 0, "region_off") + (int) u32(b, BlobLayout.VM, vm1, "first_region") * BlobLayout.REGION.size();
        StructDef r = BlobLayout.REGION;
        assertEquals(BlobLayout.REGION_RAM, u32(b, r, reg, "kind"));
        assertEquals(BlobLayout.REGION_MMIO, u32(b, r, reg + r.size(), "kind"));
        assertEquals(0x0901_0000L, u64(b, r, reg + r.size(), "pa"));
        assertEquals(BlobLayout.REGION_SHARED, u32(b, r, reg + 2 * r.size(), "kind"));
        assertEquals(0, u32(b, r, reg + 2 * r.size(), "flags"));       // read-only for rt

        int irq = (int) u32(b, h, 0, "irq_off");
        assertEquals(34, u32(b, BlobLayout.IRQ, irq, "intid"));
        assertEquals(1, u32(b, BlobLayout.IRQ, irq, "vm"));

        int pay = (int) u32(b, h, 0, "payload_off");
        assertEquals(0x6000_0000L, u64(b, BlobLayout.PAYLOAD, pay + BlobLayout.PAYLOAD.size(), "pa"));
    }

    @Test
    void coresStartedFromASpinTableCarryTheirReleaseWords() {
        Plan p = BlobTestPlans.twoVms(0x4008_0000L);
        List<BoardPlan.CpuPlan> cpus = new java.util.ArrayList<>();
        for (BoardPlan.CpuPlan c : p.board().cpus()) {
            cpus.add(new BoardPlan.CpuPlan(c.index(), c.mpidr(), c.compatible(), BoardPlan.EnableMethod.SPIN_TABLE, 0xd8 + 8L * c.index()));
        }
        BoardPlan b = p.board();
        Plan spin = new Plan(p.system(), new BoardPlan(b.name(), b.arch(), b.compatible(), b.model(), cpus, b.dram(),
                b.interruptController(), b.timerIrqs(), b.devices()), p.hypervisor(), p.vms(), p.shared());
        byte[] psci = blob(), table = BlobWriter.write(spin, 0x23000, PAYLOADS);
        int cpu = (int) u32(table, BlobLayout.HEADER, 0, "cpu_off"), size = BlobLayout.CPU.size();
        for (int i = 0; i < 4; i++) {
            assertEquals(BlobLayout.CPU_START_SPIN_TABLE, u32(table, BlobLayout.CPU, cpu + i * size, "start"));
            assertEquals(0xd8 + 8L * i, u64(table, BlobLayout.CPU, cpu + i * size, "release_addr"));
            assertEquals(BlobLayout.CPU_START_PSCI, u32(psci, BlobLayout.CPU, cpu + i * size, "start"));
            assertEquals(0, u64(psci, BlobLayout.CPU, cpu + i * size, "release_addr"));
        }
    }

    @Test
    void theMiniUartIsAConsoleOfItsOwnKind() {
        assertEquals(BlobLayout.CONSOLE_BCM2835_AUX, BlobWriter.consoleKind("brcm,bcm2835-aux-uart", null));
        assertEquals(BlobLayout.CONSOLE_NS16550_R1, BlobWriter.consoleKind("ns16550a", null));
    }

    @Test
    void crcCoversEverythingButItself() {
        byte[] b = blob();
        int at = BlobLayout.HEADER.field("crc32").offset();
        long stored = u32(b, BlobLayout.HEADER, 0, "crc32");
        b[at] = b[at + 1] = b[at + 2] = b[at + 3] = 0;
        CRC32 crc = new CRC32();
        crc.update(b);
        assertEquals(stored, crc.getValue());
    }

    @Test
    void sameInputSameBytes() {
        assertArrayEquals(blob(), blob());
    }

    @Test
    void sizeMatchesWhatIsWritten() {
        Plan p = BlobTestPlans.twoVms(0x4008_0000L);
        assertEquals(blob().length, BlobWriter.size(p, PAYLOADS.size()));
    }

    @Test
    void moreRegionsThanTheRuntimeChecksAreRefused() {
        Plan p = BlobTestPlans.twoVms(0x4008_0000L);
        VmPlan v = p.vms().get(1);
        List<VmPlan.SharedWindow> many = new java.util.ArrayList<>();
        for (int i = 0; i < BlobLayout.MAX_REGIONS; i++) {
            many.add(new VmPlan.SharedWindow("w" + i, 0x1000_0000L + i * 0x1000L, 0x7000_0000L, 0x1000, false));
        }
        VmPlan crowded = new VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(),
                v.memory(), v.kernel(), v.initrd(), v.dtbIpa(), v.bootargs(), v.passthrough(), v.virtio(), v.console(), v.vgic(), many);
        Plan bad = new Plan(p.system(), p.board(), p.hypervisor(), List.of(p.vms().get(0), crowded), p.shared());
        // the checks refuse such a plan (SHY1107); reaching the writer with one is a bug
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BlobWriter.write(bad, 0, List.of()));
        assertTrue(e.getMessage().contains("(516 stage-2 regions)"), e.getMessage());
    }

    @Test
    void aNameTooLongForTheRuntimeIsRefused() {
        StructDef.Instance vm = BlobLayout.VM.instance();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vm.set("name", "a-very-long-virtual-machine-name-x"));
        assertEquals("shy_blob_vm.name \"a-very-long-virtual-machine-name-x\" is longer than 31 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> vm.set("nosuchfield", 1));
        assertThrows(IllegalArgumentException.class, () -> vm.set("vcpu_count", 1L << 32));
    }

    @Test
    void aVmNameTheRuntimeCannotHoldIsReportedAndALongSystemNameIsCut() {
        Plan p = BlobTestPlans.twoVms(0x4008_0000L);
        VmPlan v = p.vms().get(1);
        VmPlan longName = new VmPlan(v.id(), "a-very-long-virtual-machine-name-x", v.kind(),
                v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(), v.dtbIpa(), v.bootargs(), v.passthrough(),
                v.virtio(), v.console(), v.vgic(), v.sharedWindows());
        Plan bad = new Plan(p.system(), p.board(), p.hypervisor(), List.of(p.vms().get(0), longName), p.shared());
        // the checks refuse such a name (SHY1103); reaching the writer with one is a bug
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BlobWriter.write(bad, 0, List.of()));
        assertTrue(e.getMessage().contains("VM name `a-very-long-virtual-machine-name-x` of 34 bytes"), e.getMessage());
        assertEquals("a-system-name-much-longer-than-", BlobWriter.banner("a-system-name-much-longer-than-the-banner"));
    }

    /** The same system on QEMU's riscv64 machine: a PLIC, hart IDs, a 16550 with 1-byte registers. */
    static Plan onRiscv() {
        Plan p = BlobTestPlans.twoVms(0x8020_0000L);
        BoardPlan b = p.board();
        BoardPlan rv = new BoardPlan("qemu-riscv64", BoardPlan.Arch.RISCV64,
                List.of("riscv-virtio"), "riscv-virtio,qemu",
                b.cpus().stream().map(c -> new BoardPlan.CpuPlan(c.index(), c.mpidr(), "riscv")).toList(),
                List.of(new BoardPlan.MemoryBank("dram", 0x8020_0000L, 0x7fe0_0000L)),
                new InterruptControllerPlan(InterruptControllerPlan.Kind.PLIC, null, null, null,
                        null, null, new InterruptControllerPlan.Frame(0x0c00_0000L, 0x60_0000L), 0, 96, List.of("riscv,plic0")),
                List.of(), List.of(new DevicePlan("uart0", "ns16550a", 0x1000_0000L, 0x1000, List.of(10), null, false,
                        null, -1, List.of())));
        List<VmPlan> vms = p.vms().stream().map(v -> new VmPlan(v.id(), v.name(), v.kind(),
                v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(), v.dtbIpa(), v.bootargs(), List.of(), v.virtio(),
                new VmPlan.Console("ns16550a", 0x1000_0000L, 0x1000), new VmPlan.VirtualGic(0, 0, 0, 0, 0, 0),
                v.sharedWindows())).toList();
        return new Plan(p.system(), rv, new HypervisorPlan(0x8020_0000L, 0x800_0000L, 0x8020_0000L, "uart0", 0, 0, 0),
                vms, p.shared());
    }

    @Test
    void aRiscvBlobDescribesThePlicAndEachVmsPlicWindow() {
        byte[] b = BlobWriter.write(onRiscv(), 0x23000, PAYLOADS);
        StructDef h = BlobLayout.HEADER;
        assertEquals(BlobLayout.INTC_PLIC, u32(b, h, 0, "gic_version"));
        assertEquals(96, u32(b, h, 0, "gic_lines"));
        assertEquals(0x0c00_0000L, u64(b, h, 0, "gicd_base"));
        assertEquals(0x60_0000L, u64(b, h, 0, "gicd_size"));
        assertEquals(0, u64(b, h, 0, "gicc_base") | u64(b, h, 0, "gicr_size") | u32(b, h, 0, "vtimer_irq") | u32(b, h, 0, "ipi_sgi"));
        assertEquals(BlobLayout.CONSOLE_NS16550_R1, u32(b, h, 0, "console_kind"));
        assertEquals(10, u32(b, h, 0, "console_irq"));
        int vm0 = (int) u32(b, h, 0, "vm_off");
        // The layout places no virtual PLIC: each VM sees it where the board's is, as its device tree says.
        assertEquals(0x0c00_0000L, u64(b, BlobLayout.VM, vm0, "gicd_ipa"));
        assertEquals(0x60_0000L, u64(b, BlobLayout.VM, vm0, "gicd_size"));
        assertEquals(BlobLayout.CONSOLE_NS16550_R1, u32(b, BlobLayout.VM, vm0, "console_kind"));
    }

    @Test
    void a16550IsByteWideUnlessTheBoardGivesItARegShiftOf2() {
        assertEquals(BlobLayout.CONSOLE_NS16550_R1, BlobWriter.consoleKind("ns16550a", null));
        DevicePlan shifted = new DevicePlan("uart", "ns16550a", 0x1000, 0x1000, List.of(), null, false,
                null, -1, List.of(new DevicePlan.Property("reg-shift", List.of(), List.of(2L))));
        assertEquals(BlobLayout.CONSOLE_NS16550, BlobWriter.consoleKind("ns16550a", shifted));
        assertEquals(BlobLayout.CONSOLE_NS16550, BlobWriter.consoleKind("snps,dw-apb-uart", null));
        assertEquals(BlobLayout.CONSOLE_NS16550, BlobWriter.consoleKind("nvidia,tegra186-uart", null));
        assertEquals(BlobLayout.CONSOLE_PL011, BlobWriter.consoleKind("arm,pl011", null));
        assertThrows(IllegalStateException.class, () -> BlobWriter.consoleKind("sifive,uart0", null));
    }

    @Test
    void aBoardWhoseArchitectureAndInterruptControllerDisagreeIsRefused() {
        Plan rv = onRiscv();
        BoardPlan b = rv.board();
        BoardPlan armWithPlic = new BoardPlan(b.name(), BoardPlan.Arch.AARCH64,
                b.compatible(), b.model(), b.cpus(), b.dram(), b.interruptController(), b.timerIrqs(), b.devices());
        assertThrows(IllegalStateException.class, () -> BlobWriter.write(new Plan(rv.system(), armWithPlic, rv.hypervisor(), rv.vms(),
                rv.shared()), 0x23000, PAYLOADS));
    }

    @Test
    void aRegionsMemoryTypeIsAFlagWhereItIsNotItsKinds() {
        Plan p = org.shyperc.codegen.emit.Examples.plans(org.shyperc.codegen.emit.Examples.root()
                .resolve("examples/qemu-virt-memattr/system.shy")).get(0);
        java.util.Map<Long, Integer> big = new java.util.TreeMap<>(), small = new java.util.TreeMap<>();
        for (BlobWriter.RegionRow r : BlobWriter.regionsOf(p.vms().get(0))) big.put(r.ipa(), r.kind() << 8 | r.memoryFlags());
        for (BlobWriter.RegionRow r : BlobWriter.regionsOf(p.vms().get(1))) small.put(r.ipa(), r.kind() << 8 | r.memoryFlags());
        assertEquals(BlobLayout.REGION_RAM << 8, big.get(0x4000_0000L));                              // hugepages: no flag
        assertEquals(BlobLayout.REGION_MMIO << 8 | BlobLayout.REGION_NOCACHE, big.get(0x0400_0000L)); // nocache window
        assertEquals(BlobLayout.REGION_SHARED << 8 | BlobLayout.REGION_NOCACHE, big.get(0x1_0000_0000L));
        assertEquals(BlobLayout.REGION_SHARED << 8 | BlobLayout.REGION_DEVICE, small.get(0x1020_0000L));
        byte[] b = BlobWriter.write(p, 0x23000, List.of());
        StructDef r = BlobLayout.REGION;
        int regions = (int) u32(b, BlobLayout.HEADER, 0, "region_off");
        boolean seen = false;
        for (int i = 0; i < big.size() + small.size(); i++) {
            int at = regions + i * r.size();
            if (u64(b, r, at, "ipa") == 0x1020_0000L && u32(b, r, at, "kind") == BlobLayout.REGION_SHARED) {
                // qemu-virt says `stage2-blocks off`: a window without `hugepages` is held to pages as well
                assertEquals(BlobLayout.REGION_DEVICE | BlobLayout.REGION_PAGES, u32(b, r, at, "flags"),
                        "read-only Device: no writable bit");
                seen = true;
            }
        }
        assertTrue(seen, "the bells window of vm small is in the blob");
    }

    @Test
    void onABoardWithoutStage2BlocksEveryMappedRegionButHugepagesRamIsHeldToPages() {
        Plan p = org.shyperc.codegen.emit.Examples.plans(org.shyperc.codegen.emit.Examples.root()
                .resolve("examples/qemu-virt-memattr/system.shy")).get(0);
        assertFalse(p.hypervisor().blocksAllowed(), "qemu-virt says `stage2-blocks off`");
        java.util.Map<Long, Integer> off = new java.util.TreeMap<>(), on = new java.util.TreeMap<>();
        for (BlobWriter.RegionRow r : BlobWriter.regionsOf(p.vms().get(1), false)) off.put(r.ipa(), r.memoryFlags());
        for (BlobWriter.RegionRow r : BlobWriter.regionsOf(p.vms().get(1), true)) on.put(r.ipa(), r.memoryFlags());
        int held = 0, kept = 0;
        for (org.shyperc.plan.Mapping m : p.vms().get(1).mappings()) {
            if (!m.kind().mapped() || !off.containsKey(m.ipa())) continue;
            boolean huge = m.attributes() != null && m.attributes().block() != null;
            assertEquals(!huge, (off.get(m.ipa()) & BlobLayout.REGION_PAGES) != 0, m.kind() + " at 0x" + Long.toHexString(m.ipa()));
            assertEquals(0, on.get(m.ipa()) & BlobLayout.REGION_PAGES, "blocks allowed: no flag");
            if (huge) kept++; else held++;
        }
        assertTrue(held > 0 && kept > 0, "the example has both: " + held + " held, " + kept + " with hugepages");
        // and the written blob carries the board's choice
        byte[] b = BlobWriter.write(p, 0x23000, List.of());
        StructDef r = BlobLayout.REGION;
        int regions = (int) u32(b, BlobLayout.HEADER, 0, "region_off");
        int count = (int) u32(b, BlobLayout.HEADER, 0, "region_count");
        int paged = 0;
        for (int i = 0; i < count; i++) {
            int at = regions + i * r.size();
            if (u32(b, r, at, "kind") != BlobLayout.REGION_VIRTIO && (u32(b, r, at, "flags") & BlobLayout.REGION_PAGES) != 0) paged++;
        }
        assertTrue(paged > 0, "some regions held to pages in the blob");
        Plan blocks = new Plan(p.system(), p.board(), new org.shyperc.plan.HypervisorPlan(p.hypervisor().reserveBase(),
                p.hypervisor().reserveSize(), p.hypervisor().loadAddress(), p.hypervisor().console(), p.hypervisor().timerIrq(),
                p.hypervisor().ipiSgi(), p.hypervisor().hypercallIrq(), p.hypervisor().colours()), p.vms(), p.shared());
        byte[] bb = BlobWriter.write(blocks, 0x23000, List.of());
        for (int i = 0; i < count; i++) {
            int at = regions + i * r.size();
            if (u32(bb, r, at, "kind") != BlobLayout.REGION_VIRTIO) assertEquals(0, u32(bb, r, at, "flags") & BlobLayout.REGION_PAGES);
        }
    }
}
