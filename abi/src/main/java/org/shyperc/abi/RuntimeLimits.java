package org.shyperc.abi;

import java.util.List;
import java.util.Locale;

/**
 * What the hypervisor runtime (hypervisor-runtime/src/main/c/aarch64) can hold, in one place.
 * The compiler's checks for the shyper image read these, the config blob writer and the image
 * linker assume them, and {@link CHeaderGenerator} writes them into {@code shyper_config.h} as
 * {@code SHY_*} constants, which the runtime's C uses instead of numbers of its own: change one
 * here and the checks, the emitters and the runtime change together.
 *
 * <p>Each constant says where the runtime depends on it. A limit the C cannot take from the header
 * (the assembler's stack size in asm.h) is held equal by {@code AbiAgreementTest} in the runtime's
 * tests.
 */
public final class RuntimeLimits {
    private RuntimeLimits() { }

    /**
     * Bits of a guest's intermediate physical addresses. mm.c {@code stage2_enable} sets
     * VTCR_EL2.T0SZ = 64 - IPA_BITS with SL0 = 1: walks start at level 1, one 4 KiB table of 512
     * entries of 1 GiB. {@code s2_map} indexes that table with IPA bits 38..30 and has no room for
     * more, so an IPA at or above 2^39 would alias a low one: the checks refuse it (SHY0308).
     */
    public static final int IPA_BITS = 39;

    /**
     * Bits of the hypervisor's own identity map. mm.c {@code mmu_build_el2} maps the low
     * 2^EL2_MAP_BITS bytes with one level-1 table (TCR_EL2.T0SZ = 64 - EL2_MAP_BITS): DRAM Normal,
     * everything else Device. The runtime reaches DRAM (payload copies, page tables), its console
     * and the GIC only through it, so they must lie below 512 GiB.
     */
    public static final int EL2_MAP_BITS = 39;

    /** The translation granule (TG0 = 4 KiB in TCR_EL2 and VTCR_EL2): rt.h's PAGE_SIZE. */
    public static final long PAGE_SIZE = 4096;

    /** Level-2 block: mm.c maps RAM with 2 MiB blocks where IPA and PA are both aligned, 4 KiB pages elsewhere. */
    public static final long BLOCK_SIZE = 2L << 20;

    /** rt.h {@code vms[SHY_MAX_VMS]}: one {@code struct vm} per VM, no more. */
    public static final int MAX_VMS = 8;

    /**
     * rt.h {@code pcpus[SHY_MAX_CPUS]} and each VM's {@code core_of_vcpu[SHY_MAX_CPUS]}. The blob's
     * cpu table lists every core of the board (the runtime must know the core it is started on), so
     * this bounds the board's cores, not only the ones VMs use; blob.c refuses more.
     */
    public static final int MAX_CPUS = 8;

    /**
     * Stage-2 regions of all VMs together: blob_verify.c sorts them, with everything the hypervisor
     * keeps for itself, in a fixed table ({@code spans[SHY_MAX_REGIONS + 16]}) to prove them disjoint,
     * and refuses a blob with more.
     */
    public static final int MAX_REGIONS = 512;

    /** The blob's name fields (VM names, the console prefix): 31 bytes and a NUL. */
    public static final int NAME_LEN = 32;

    /**
     * INTIDs the runtime's interrupt state covers: rt.h's per-VM priority, target and routing
     * arrays and its 32-bit ownership bitmaps. The GIC architecture stops at 1020 (1020-1023 are
     * special), which the board binder enforces.
     */
    public static final int MAX_INTIDS = 1024;

    /** blob.c {@code blob_check} refuses a config blob larger than this. */
    public static final long MAX_BLOB_SIZE = 1L << 20;

    /**
     * The stack each core that runs a vCPU gets, and the boot core: main.c takes it from the pool
     * after the image (asm.h {@code STACK_SIZE}).
     */
    public static final long STACK_SIZE = 16L << 10;

    /**
     * cache colouring of the hypervisor (mm.c {@code STACK_WINDOW}): the addresses of its stacks, a stack per core
     * each above an unmapped page, at the top of the reservation; the pages there are used by nobody.
     */
    public static final long HYP_STACK_WINDOW = MAX_CPUS * (STACK_SIZE + PAGE_SIZE);

    /**
     * cache colouring of the hypervisor: pool pages beyond the estimate's tables and stacks (mm.c): the level-3 tables
     * EL2 splits its map into around the image, its payloads and the stack window, the boot core's page to copy the
     * image from and each other core's page to start on.
     */
    public static final long HYP_COLOUR_EXTRA_PAGES = 8 + MAX_CPUS;

    /**
     * An upper bound on the runtime's memory image (text, data and .bss, up to {@code __blob_start}).
     * The checks estimate the linked image from it before there is one, so they never pass an image
     * the linker then refuses; the image linker and a runtime test hold the real runtime to it.
     */
    public static final long RUNTIME_MAX_SIZE = 256L << 10;

    /**
     * The least size of each GIC frame the runtime maps and emulates behind (blob_verify.c refuses a
     * smaller one): a GICv2 distributor's registers fill 4 KiB, its CPU and virtual CPU interfaces 8 KiB
     * (GICC_DIR is at 0x1000), the hypervisor interface 4 KiB; a GICv3 distributor 64 KiB and one
     * redistributor per core of the board 128 KiB (RD_base and SGI_base).
     */
    public static final long GICD_V2_MIN = 0x1000, GICC_MIN = 0x2000, GICH_MIN = 0x1000, GICV_MIN = 0x2000;
    public static final long GICD_V3_MIN = 0x10000, GICR_FRAME = 0x20000;

    /** INTIDs of the GIC: SGIs 0-15, PPIs 16-31, SPIs from 32 to at most 1019; a GIC has 32 to 1020 lines. */
    public static final int FIRST_PPI = 16, FIRST_SPI = 32, MAX_GIC_LINES = 1020;

    /** The GIC versions gic.c (v2) and gic3.c (v3) drive; blob.c refuses any other. No PLIC: the runtime is aarch64 only. */
    public static final List<Integer> GIC_VERSIONS = List.of(2, 3);

    /** The architecture of the GIC-based runtime whose limits most constants here are. */
    public static final String ARCH = "aarch64";

    /** The riscv64 runtime's G-stage: Sv39x4, 41-bit guest physical addresses (riscv64/rt.h GUEST_IPA_BITS). */
    public static final int RISCV64_IPA_BITS = 41;

    /**
     * The riscv64 runtime's PLIC (riscv64/blob_plic.c): 2 to 1024 sources, harts 0 to 511, and a frame
     * holding the context registers up to the S-mode context of the highest hart: 0x200000 + 0x2000 per hart.
     */
    public static final int PLIC_MIN_SOURCES = 2, PLIC_MAX_SOURCES = 1024, PLIC_MAX_HART = 511;
    public static final long PLIC_CONTEXTS = 0x200000, PLIC_CONTEXT = 0x1000;

    /** Pages the riscv64 runtime may take for a VM's G-stage root: 16 KiB, 16 KiB aligned (at most 3 pages lost to it). */
    public static final long RISCV64_ROOT_PAGES = 4 + 3;

    /**
     * The console kind the blob names for a UART: as {@link #consoleKind(String)}, except that a plain
     * 16550 (`ns16550`, `ns16550a`) has its registers 1 byte apart unless the board gives it a
     * `reg-shift` of 2 (the device-tree default is 0).
     */
    public static int consoleKind(String compatible, boolean regShift2) {
        String c = compatible == null ? "" : compatible.toLowerCase(Locale.ROOT);
        if (c.startsWith("ns16550")) return regShift2 ? BlobLayout.CONSOLE_NS16550 : BlobLayout.CONSOLE_NS16550_R1;
        return consoleKind(compatible);
    }

    /**
     * The console driver for a UART's compatible string: console.c drives PL011s, 16550s and the
     * BCM2835 AUX mini-UART (the Raspberry Pi's) for the hypervisor's console, vuart.c emulates
     * PL011s and 16550s for a VM's. 0 when there is none. Tegra's and DesignWare's UARTs are 16550s
     * with registers 4 bytes apart.
     */
    public static int consoleKind(String compatible) {
        String c = compatible == null ? "" : compatible.toLowerCase(Locale.ROOT);
        if (c.contains("pl011")) return BlobLayout.CONSOLE_PL011;
        if (c.contains("bcm2835-aux-uart")) return BlobLayout.CONSOLE_BCM2835_AUX;
        if (c.contains("16550") || c.contains("dw-apb-uart") || c.contains("8250") || c.contains("tegra")) {
            return BlobLayout.CONSOLE_NS16550;
        }
        return 0;
    }

    /**
     * The most page-table pages mm.c's {@code s2_map} can take to map [ipa, ipa + size) to pa under
     * a VM's level-1 table: a level-2 table per 1 GiB of IPA touched, and a level-3 table per 2 MiB
     * it cannot map with a block (every 2 MiB when IPA and PA disagree modulo 2 MiB, else at most the
     * unaligned head and tail). An upper bound: regions sharing a table count it twice.
     */
    public static long stage2TablePages(long ipa, long pa, long size) {
        if (size <= 0) return 0;
        long last = ipa + size - 1;
        if (Long.compareUnsigned(last, ipa) < 0) last = -1L; // past 2^64: count to the top
        long l2 = (last >>> 30) - (ipa >>> 30) + 1;
        long l3;
        long mask = BLOCK_SIZE - 1;
        if (((ipa ^ pa) & mask) != 0) {
            l3 = (last >>> 21) - (ipa >>> 21) + 1;
        } else {
            l3 = ((ipa & mask) != 0 ? 1 : 0) + (((last + 1) & mask) != 0 ? 1 : 0);
        }
        return l2 + l3;
    }

    /**
     * cache colouring: the stage-2 table pages of a coloured RAM region, which mm.c maps page by
     * page (its runs of pages are shorter than a 2 MiB block): a level-2 table per GiB and a level-3
     * table per 2 MiB of IPA it touches.
     */
    public static long stage2ColouredTablePages(long ipa, long size) {
        return stage2TablePages(ipa, ipa + PAGE_SIZE, size);
    }

    /**
     * The page-table pages mm.c's {@code mmu_build_el2} takes for the hypervisor's own map: the
     * level-1 table and a level-2 table for each 1 GiB below 2^EL2_MAP_BITS that holds DRAM.
     * {@code dram}: base and size of each bank.
     */
    public static long el2TablePages(List<long[]> dram) {
        java.util.Set<Long> gib = new java.util.HashSet<>();
        long top = 1L << (EL2_MAP_BITS - 30);
        for (long[] bank : dram) {
            if (bank[1] <= 0) continue;
            long first = bank[0] >>> 30;
            long last = (bank[0] + bank[1] - 1) >>> 30;
            for (long g = first; g <= last && g < top; g++) gib.add(g);
        }
        return 1 + gib.size();
    }

    /** The compatible strings {@link #consoleKind} knows, for messages. */
    public static final String CONSOLE_DRIVERS = "a PL011 (`arm,pl011`), a 16550 (`ns16550a`, `snps,dw-apb-uart`, Tegra's) or a BCM2835 mini-UART (`brcm,bcm2835-aux-uart`)";
}
