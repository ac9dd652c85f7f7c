package org.shyperc.plan;

/**
 * One range of a VM's intermediate physical address space and what is behind it: the one list of
 * what each VM maps ({@link VmPlan#mappings()}), made once by placement, from which the checks, the
 * config blob, the device trees and the reports all read. A mapped kind is a stage-2 mapping of whole
 * pages (a passthrough device is widened to the pages that hold it); an emulated kind is a window the
 * runtime leaves unmapped, so every access traps to its emulation, and has no PA (-1).
 */
public record Mapping(Kind kind, String name, long ipa, long pa, long size, Access access, Attributes attributes) {

    /** What the range is. The order is the order of entries at one IPA. */
    public enum Kind {
        /** The VM's RAM. */
        RAM,
        /** A window onto a shared region ({@code name}: the region). */
        SHARED,
        /** Board devices' MMIO ({@code name}: the device; of several in the same pages, the one passed through first). */
        PASSTHROUGH,
        /**
         * A passthrough window: a range of the board's address space given whole (`passthrough @ IPA
         * size S`), with the devices in it; they have no entries of their own.
         */
        WINDOW,
        /** The board's GICV frame where the VM expects its GIC CPU interface. */
        VGIC_CPU_INTERFACE,
        /** An emulated virtio-mmio transport ({@code name}: its kind, `console`). */
        VIRTIO,
        /** The emulated console UART. */
        CONSOLE,
        /** The emulated GIC distributor. */
        VGIC_DISTRIBUTOR,
        /** The emulated GICv3 redistributors. */
        VGIC_REDISTRIBUTOR,
        /** The interrupt controller of a riscv64 VM. */
        VIRTUAL_PLIC;

        /** Whether stage 2 maps it; otherwise every access traps to the runtime's emulation. */
        public boolean mapped() {
            return this == RAM || this == SHARED || this == PASSTHROUGH || this == WINDOW || this == VGIC_CPU_INTERFACE;
        }
    }

    public enum Access { READ_WRITE, READ_ONLY }

    /**
     * How a mapped range is mapped: its memory type, and for RAM that asked for huge pages
     * ({@code hugepages SIZE}) the block size stage 2 maps it with at least ({@code block}, in bytes;
     * null when not asked for, and then absent from plan.json, like every attribute at its default).
     * Cache colours are attributes too, when they come.
     */
    public record Attributes(MemoryType memory, @OmittedWhenNull Long block) {
        public static final Attributes NORMAL = new Attributes(MemoryType.NORMAL);
        public static final Attributes DEVICE = new Attributes(MemoryType.DEVICE);
        public static final Attributes NORMAL_NONCACHEABLE = new Attributes(MemoryType.NORMAL_NONCACHEABLE);

        public Attributes(MemoryType memory) {
            this(memory, null);
        }

        /** The default attributes of a kind of mapping: Normal write-back for RAM and shared windows, else Device. */
        public static Attributes of(MemoryType memory) {
            return switch (memory) {
                case NORMAL -> NORMAL;
                case DEVICE -> DEVICE;
                case NORMAL_NONCACHEABLE -> NORMAL_NONCACHEABLE;
            };
        }
    }

    /**
     * Normal: write-back cacheable, inner shareable (RAM, shared windows by default). Normal non-cacheable
     * (`nocache`): Normal memory that no cache holds. Device: nGnRE, never executed (MMIO by default, `device`).
     * New types go at the end: plan.json names them.
     */
    public enum MemoryType { NORMAL, DEVICE, NORMAL_NONCACHEABLE }

    /** PA of an emulated window: nothing is behind it. */
    public static final long NO_PA = -1;

    public long ipaEnd() { return ipa + size; }

    public long paEnd() { return pa + size; }
}
