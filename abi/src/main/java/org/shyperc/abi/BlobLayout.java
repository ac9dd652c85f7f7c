package org.shyperc.abi;

import java.util.List;

/**
 * The config blob, defined once. {@link CHeaderGenerator} turns this into {@code shyper_config.h}
 * for the runtime; {@link BlobWriter} serialises a Plan with the same offsets.
 *
 * <p>Blob = header, then tables (cpus, dram, vms, regions, irqs, payloads, doorbells), each 8-byte aligned,
 * at the offsets the header gives. CRC-32 (IEEE) covers the whole blob with {@code crc32} = 0.
 */
public final class BlobLayout {
    private BlobLayout() { }

    public static final long MAGIC = 0x42594853L; // "SHYB" in memory order
    /** Bump on any layout change; the runtime refuses any other version. */
    public static final int VERSION = 7;

    /** The runtime's table sizes ({@link RuntimeLimits} says where each comes from). */
    public static final int MAX_CPUS = RuntimeLimits.MAX_CPUS;
    public static final int MAX_VMS = RuntimeLimits.MAX_VMS;
    public static final int NAME_LEN = RuntimeLimits.NAME_LEN;
    public static final int MAX_REGIONS = RuntimeLimits.MAX_REGIONS;
    public static final long NO_VM = 0xFFFF_FFFFL;

    /**
     * Header flag: print the runtime's trap counters (exits to EL2 by cause, per VM) when the machine powers off
     * ({@code shyperc build/run --trap-stats}).
     */
    public static final int FLAG_TRAP_STATS = 1;

    /**
     * Header flag: zero every VM's RAM regions (and each shared region once) at boot, before the payloads are copied in,
     * so that no guest reads what firmware or an earlier boot left there. Set by default for every board but QEMU's
     * virt machines (their RAM is zero at power-on); {@code shyperc build/run --zero-ram} forces it.
     */
    public static final int FLAG_ZERO_RAM = 2;

    /** Every header flag this ABI defines; the runtime refuses any other bit. */
    public static final int KNOWN_FLAGS = FLAG_TRAP_STATS | FLAG_ZERO_RAM;

    public static final int CONSOLE_PL011 = 1;
    /** A 16550 with its registers 4 bytes apart (reg-shift 2: DesignWare, Tegra). */
    public static final int CONSOLE_NS16550 = 2;
    /** A 16550 with its registers 1 byte apart (no reg-shift), as QEMU's riscv virt machine has. */
    public static final int CONSOLE_NS16550_R1 = 3;
    /** The BCM2835 AUX mini-UART (Raspberry Pi): a 16550's registers 4 bytes apart, without its divisor latch. */
    public static final int CONSOLE_BCM2835_AUX = 4;
    /** {@code gic_version} of a RISC-V PLIC (the header's gicd frame is the PLIC, gic_lines its sources). */
    public static final int INTC_PLIC = 16;

    /** How the boot core starts another core: PSCI CPU_ON through SMC, or the firmware's spin table. */
    public static final int CPU_START_PSCI = 0;
    public static final int CPU_START_SPIN_TABLE = 1;

    public static final int VM_KIND_LINUX = 0;
    public static final int VM_KIND_BAREMETAL = 1;
    public static final int VM_FLAG_MANAGEMENT = 1;
    /** VM lifecycle: the VM waits for the management VM's start hypercall instead of starting at boot. */
    public static final int VM_FLAG_WAITING = 2;
    /**
     * VM lifecycle, {@code shy_blob_vm.lifecycle}: a policy (2 bits) per event at 2 × event (fault 0, off 1, reset 2),
     * bits 6-7 zero, the watchdog period in ms from bit 8 (0 = none). Policy 0 is the event's default (halt; reset:
     * restart), so a VM that says nothing has lifecycle 0.
     */
    public static final int LIFE_DEFAULT = 0;
    public static final int LIFE_HALT = 1;
    public static final int LIFE_RESTART = 2;
    public static final int LIFE_STOP_SYSTEM = 3;
    public static final int LIFE_WATCHDOG_SHIFT = 8;
    public static final int LIFE_RESERVED_BITS = 0xc0;

    public static final int REGION_RAM = 1;
    public static final int REGION_MMIO = 2;
    public static final int REGION_SHARED = 3;
    /** A virtio-mmio slot: not mapped; the runtime answers as a transport with no device behind it. */
    public static final int REGION_VIRTIO = 4;
    public static final int REGION_WRITABLE = 1;
    // memory attributes (issue 13): a mapped region's memory type where it is not its kind's own
    /** Normal non-cacheable (`nocache`), on a shared or MMIO region. */
    public static final int REGION_NOCACHE = 0x2;
    /** Device-nGnRE (`device`) on a shared region; MMIO is Device already. */
    public static final int REGION_DEVICE = 0x4;
    /**
     * cache colouring: a RAM region of a coloured VM (SHY_VM_FLAG_COLOURED). From {@code pa} (the start of a period
     * of {@code colours} pages, one of each colour) IPA page i is the (i mod k)-th page of the VM's colours (the set
     * bits of its {@code colour_mask}, k of them) in period i / k; the region's PA stretch is ceil(pages / k) periods.
     */
    public static final int REGION_COLOURED = 0x8;
    /**
     * Stage 2 maps the region with 4 KiB pages only, never a 2 MiB or 1 GiB block (the board's `stage2-blocks off`):
     * QEMU's TCG keeps a two-stage translation in its TLB at the larger stage's page size and flushes its whole TLB
     * for a one-page invalidation inside such an entry, so under QEMU blocks make a guest's TLB maintenance costly.
     */
    public static final int REGION_PAGES = 0x10;
    /** cache colouring: the VM's RAM regions are coloured with its {@code colour_mask} of {@code colours} colours. */
    public static final int VM_FLAG_COLOURED = 0x10;

    /** virtio device IDs (virtio spec 1.1, 5): only the console is emulated; others answer "no device". */
    public static final int VIRTIO_NET = 1;
    public static final int VIRTIO_BLOCK = 2;
    public static final int VIRTIO_CONSOLE = 3;

    public static final int PAYLOAD_KERNEL = 1;
    public static final int PAYLOAD_DTB = 2;
    public static final int PAYLOAD_INITRD = 3;

    public static final StructDef HEADER = new StructDef("shy_blob_header", "Blob header: integrity, board facts, table offsets.")
            .u32("magic", "SHY_BLOB_MAGIC")
            .u32("version", "SHY_BLOB_VERSION")
            .u32("header_size", "sizeof(struct shy_blob_header)")
            .u32("total_size", "bytes of the whole blob")
            .u32("crc32", "CRC-32 of the whole blob with this field zero")
            .u32("flags", "SHY_BLOB_FLAG_*; other bits 0")
            .u64("console_base", "hypervisor console UART (read before the CRC check to report errors)")
            .u32("console_kind", "SHY_CONSOLE_*")
            .u32("console_irq", "its INTID")
            .u64("load_address", "PA the image is linked and loaded at")
            .u64("image_size", "bytes of the whole image from load_address (runtime, blob, payloads)")
            .u64("reserve_base", "hypervisor's reserved RAM")
            .u64("reserve_size", "")
            .u32("gic_version", "2 or 3; SHY_INTC_PLIC: a RISC-V PLIC (gicd_base/gicd_size its frame)")
            .u32("gic_lines", "interrupt IDs implemented (PLIC: sources, 0 included)")
            .u64("gicd_base", "")
            .u64("gicc_base", "0 on GICv3")
            .u64("gich_base", "0 on GICv3")
            .u64("gicv_base", "0 on GICv3")
            .u64("gicr_base", "0 on GICv2")
            .u32("maintenance_irq", "")
            .u32("vtimer_irq", "guest virtual timer PPI")
            .u32("hyp_timer_irq", "")
            .u32("ipi_sgi", "SGI the hypervisor uses between its cores")
            .u32("cpu_count", "")
            .u32("vm_count", "")
            .u32("dram_count", "")
            .u32("region_count", "")
            .u32("irq_count", "")
            .u32("payload_count", "")
            .u32("cpu_off", "offset of struct shy_blob_cpu[cpu_count] from the blob start")
            .u32("vm_off", "")
            .u32("dram_off", "")
            .u32("region_off", "")
            .u32("irq_off", "")
            .u32("payload_off", "")
            .chars("system", NAME_LEN, "system name")
            .u64("console_size", "bytes of the hypervisor console's frame (no VM may map it)")
            .u64("gicd_size", "bytes of each GIC frame above: the hypervisor's, no VM may map them")
            .u64("gicc_size", "")
            .u64("gich_size", "")
            .u64("gicv_size", "the most a VM's GICV window (its gicc_size) may map")
            .u64("gicr_size", "")
            .u32("doorbell_count", "doorbells (issue 13): entries of the doorbell table")
            .u32("doorbell_off", "offset of struct shy_blob_doorbell[doorbell_count]")
            // cache colouring of the hypervisor itself (issue 13)
            .u64("hyp_colour_mask", "bit c set = the hypervisor's own memory (image copy, pool, stacks) uses colour c; 0: not coloured")
            .u32("hyp_colours", "hyp_colour_mask != 0: the board's number of colours, a power of two from 2 to 64 (0 otherwise)")
            .u32("hyp_colour_pad", "")
            .done();

    public static final StructDef CPU = new StructDef("shy_blob_cpu", "A physical core and the vCPU it runs.")
            .u64("mpidr", "affinity bits of MPIDR_EL1; the hart ID on RISC-V")
            .u32("index", "board core index")
            .u32("vm", "owning VM id or SHY_NO_VM")
            .u32("vcpu", "vCPU number inside that VM")
            .u32("start", "SHY_CPU_START_*: how the boot core starts it")
            .u64("release_addr", "SHY_CPU_START_SPIN_TABLE: PA of its spin-table release word (else 0)")
            .done();

    public static final StructDef DRAM = new StructDef("shy_blob_dram", "A DRAM bank (mapped Normal at EL2).")
            .u64("base", "")
            .u64("size", "")
            .done();

    public static final StructDef VM = new StructDef("shy_blob_vm", "One VM.")
            .chars("name", NAME_LEN, "console prefix")
            .u32("id", "index in the vm table")
            .u32("kind", "SHY_VM_KIND_*")
            .u32("flags", "SHY_VM_FLAG_*")
            .u32("vcpu_count", "")
            .u32("first_region", "index of its first shy_blob_region")
            .u32("region_count", "")
            .u32("first_irq", "index of its first shy_blob_irq")
            .u32("irq_count", "")
            .u64("entry_ipa", "kernel entry")
            .u64("dtb_ipa", "passed in x0")
            .u32("console_kind", "SHY_CONSOLE_* of the emulated UART, 0 = none")
            .u32("lifecycle", "SHY_LIFE_*: policies per event (2 bits at 2 x event), watchdog ms << SHY_LIFE_WATCHDOG_SHIFT")
            .u64("console_ipa", "emulated UART (trapped)")
            .u64("console_size", "")
            .u64("gicd_ipa", "emulated distributor or PLIC (trapped)")
            .u64("gicd_size", "")
            .u64("gicc_ipa", "GICV is mapped here")
            .u64("gicc_size", "")
            .u64("gicr_ipa", "emulated redistributors, 128 KiB per vCPU (GICv3; trapped)")
            .u64("gicr_size", "")
            // cache colouring
            .u64("colour_mask", "SHY_VM_FLAG_COLOURED: bit c set = the VM's RAM uses colour c")
            .u32("colours", "SHY_VM_FLAG_COLOURED: the board's number of colours, a power of two from 2 to 64 (0 otherwise)")
            .u32("colour_pad", "")
            .done();

    public static final StructDef REGION = new StructDef("shy_blob_region", "A stage-2 mapping of one VM.")
            .u64("ipa", "")
            .u64("pa", "")
            .u64("size", "")
            .u32("vm", "")
            .u32("kind", "SHY_REGION_*")
            .u32("flags", "SHY_REGION_WRITABLE, SHY_REGION_NOCACHE, SHY_REGION_DEVICE, SHY_REGION_COLOURED, SHY_REGION_PAGES; for SHY_REGION_VIRTIO the virtio device ID")
            .u32("irq", "SHY_REGION_VIRTIO: the INTID the emulated device raises (a virtual SPI)")
            .done();

    public static final StructDef IRQ = new StructDef("shy_blob_irq", "A passthrough interrupt and its owner.")
            .u32("intid", "")
            .u32("vm", "")
            .done();

    public static final StructDef PAYLOAD = new StructDef("shy_blob_payload", "Bytes in the image the runtime copies to a PA at boot.")
            .u64("offset", "from load_address")
            .u64("size", "")
            .u64("pa", "destination")
            .u32("vm", "")
            .u32("kind", "SHY_PAYLOAD_*")
            .done();

    public static final StructDef DOORBELL = new StructDef("shy_blob_doorbell",
            "A doorbell: VM `from` may ring it (HVC SHY_HVC_DOORBELL_RING with its index), VM `to` takes SPI `intid`.")
            .u32("from", "the VM that may ring it")
            .u32("to", "the VM it interrupts")
            .u32("intid", "the virtual SPI the receiver takes")
            .u32("pad", "")
            .done();

    public static final List<StructDef> STRUCTS = List.of(HEADER, CPU, DRAM, VM, REGION, IRQ, PAYLOAD, DOORBELL);

    /** Named constants emitted as #defines, in this order. */
    public static final List<Constant> CONSTANTS = List.of(
            new Constant("SHY_BLOB_MAGIC", MAGIC),
            new Constant("SHY_BLOB_VERSION", VERSION),
            new Constant("SHY_MAX_CPUS", MAX_CPUS),
            new Constant("SHY_MAX_VMS", MAX_VMS),
            new Constant("SHY_MAX_REGIONS", MAX_REGIONS),
            new Constant("SHY_NAME_LEN", NAME_LEN),
            new Constant("SHY_NO_VM", NO_VM),
            new Constant("SHY_BLOB_FLAG_TRAP_STATS", FLAG_TRAP_STATS),
            new Constant("SHY_BLOB_FLAG_ZERO_RAM", FLAG_ZERO_RAM),
            new Constant("SHY_BLOB_KNOWN_FLAGS", KNOWN_FLAGS),
            new Constant("SHY_CONSOLE_PL011", CONSOLE_PL011),
            new Constant("SHY_CONSOLE_NS16550", CONSOLE_NS16550),
            new Constant("SHY_CONSOLE_NS16550_R1", CONSOLE_NS16550_R1),
            new Constant("SHY_CONSOLE_BCM2835_AUX", CONSOLE_BCM2835_AUX),
            new Constant("SHY_INTC_PLIC", INTC_PLIC),
            new Constant("SHY_CPU_START_PSCI", CPU_START_PSCI),
            new Constant("SHY_CPU_START_SPIN_TABLE", CPU_START_SPIN_TABLE),
            new Constant("SHY_VM_KIND_LINUX", VM_KIND_LINUX),
            new Constant("SHY_VM_KIND_BAREMETAL", VM_KIND_BAREMETAL),
            new Constant("SHY_VM_FLAG_MANAGEMENT", VM_FLAG_MANAGEMENT),
            new Constant("SHY_VM_FLAG_WAITING", VM_FLAG_WAITING),
            new Constant("SHY_LIFE_DEFAULT", LIFE_DEFAULT),
            new Constant("SHY_LIFE_HALT", LIFE_HALT),
            new Constant("SHY_LIFE_RESTART", LIFE_RESTART),
            new Constant("SHY_LIFE_STOP_SYSTEM", LIFE_STOP_SYSTEM),
            new Constant("SHY_LIFE_WATCHDOG_SHIFT", LIFE_WATCHDOG_SHIFT),
            new Constant("SHY_LIFE_RESERVED_BITS", LIFE_RESERVED_BITS),
            new Constant("SHY_REGION_RAM", REGION_RAM),
            new Constant("SHY_REGION_MMIO", REGION_MMIO),
            new Constant("SHY_REGION_SHARED", REGION_SHARED),
            new Constant("SHY_REGION_VIRTIO", REGION_VIRTIO),
            new Constant("SHY_REGION_WRITABLE", REGION_WRITABLE),
            new Constant("SHY_REGION_NOCACHE", REGION_NOCACHE),
            new Constant("SHY_REGION_DEVICE", REGION_DEVICE),
            new Constant("SHY_REGION_COLOURED", REGION_COLOURED),
            new Constant("SHY_REGION_PAGES", REGION_PAGES),
            new Constant("SHY_VM_FLAG_COLOURED", VM_FLAG_COLOURED),
            new Constant("SHY_VIRTIO_NET", VIRTIO_NET),
            new Constant("SHY_VIRTIO_BLOCK", VIRTIO_BLOCK),
            new Constant("SHY_VIRTIO_CONSOLE", VIRTIO_CONSOLE),
            new Constant("SHY_PAYLOAD_KERNEL", PAYLOAD_KERNEL),
            new Constant("SHY_PAYLOAD_DTB", PAYLOAD_DTB),
            new Constant("SHY_PAYLOAD_INITRD", PAYLOAD_INITRD),
            // the runtime's limits, which the compiler's checks enforce (RuntimeLimits)
            Constant.wide("SHY_IPA_BITS", RuntimeLimits.IPA_BITS),
            Constant.wide("SHY_EL2_MAP_BITS", RuntimeLimits.EL2_MAP_BITS),
            Constant.wide("SHY_PAGE_SIZE", RuntimeLimits.PAGE_SIZE),
            Constant.wide("SHY_BLOCK_SIZE", RuntimeLimits.BLOCK_SIZE),
            Constant.wide("SHY_MAX_INTIDS", RuntimeLimits.MAX_INTIDS),
            Constant.wide("SHY_MAX_BLOB_SIZE", RuntimeLimits.MAX_BLOB_SIZE),
            Constant.wide("SHY_GICD_V2_MIN", RuntimeLimits.GICD_V2_MIN),
            Constant.wide("SHY_GICD_V3_MIN", RuntimeLimits.GICD_V3_MIN),
            Constant.wide("SHY_GICC_MIN", RuntimeLimits.GICC_MIN),
            Constant.wide("SHY_GICH_MIN", RuntimeLimits.GICH_MIN),
            Constant.wide("SHY_GICV_MIN", RuntimeLimits.GICV_MIN),
            Constant.wide("SHY_GICR_FRAME", RuntimeLimits.GICR_FRAME),
            Constant.wide("SHY_MAX_GIC_LINES", RuntimeLimits.MAX_GIC_LINES));

    /**
     * Bytes of a blob with these table lengths (long: a check may count more entries than a blob can
     * hold). Tables follow the header in this order, each a multiple of 8 bytes long.
     */
    public static long size(long cpus, long dram, long vms, long regions, long irqs, long payloads) {
        return size(cpus, dram, vms, regions, irqs, payloads, 0);
    }

    public static long size(long cpus, long dram, long vms, long regions, long irqs, long payloads, long doorbells) {
        return HEADER.size() + cpus * CPU.size() + dram * DRAM.size() + vms * VM.size() + regions * REGION.size()
                + irqs * IRQ.size() + payloads * PAYLOAD.size() + doorbells * DOORBELL.size();
    }

    /** The virtio device ID the runtime's transport answers with for a `virtio KIND`; 0: none (the guest's driver probes and moves on). */
    public static int virtioId(String kind) {
        return switch (kind) {
            case "console" -> VIRTIO_CONSOLE;
            case "net" -> VIRTIO_NET;
            case "blk", "block" -> VIRTIO_BLOCK;
            default -> 0;
        };
    }

    /** A #define; {@code wide} ones are `unsigned long` (`ul`), so address arithmetic with them stays 64-bit. */
    public record Constant(String name, long value, boolean wide) {
        public Constant(String name, long value) { this(name, value, false); }

        static Constant wide(String name, long value) { return new Constant(name, value, true); }
    }
}
