package org.shyperc.codegen.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.Plan;

/**
 * The Linux Image header each runtime starts with, filled so that loaders leave the image at its load address: arm64's
 * (Documentation/arch/arm64/booting.rst) and RISC-V's (Documentation/arch/riscv/boot-image-header.rst). Both put
 * text_offset at 8 and image_size at 16; they differ in the magic at 56 and in how a loader reads text_offset.
 */
final class BootHeader {
    private BootHeader() { }

    static final int TEXT_OFFSET = 8, IMAGE_SIZE = 16, FLAGS = 24, MAGIC = 56;
    static final int ARM64_MAGIC = 0x644d5241;      // "ARM\x64"
    static final int RISCV_MAGIC2 = 0x05435352;     // "RSC\x05"
    /** arm64 flags: little-endian, 4 KiB pages, "may be placed anywhere" (so booti keeps it at the load address). */
    static final long ARM64_FLAGS = (1L << 1) | (1L << 3);
    /**
     * The boundary a riscv64 board's RAM is taken to start on. U-Boot's riscv booti moves an image in RAM to exactly
     * its RAM base (the device tree's first memory node) + text_offset, and the SBI firmware sits at that base,
     * outside the banks a board file gives the hypervisor (QEMU virt: RAM from 0x8000_0000, OpenSBI's 2 MiB, the
     * first bank at 0x8020_0000). So the RAM base is the first bank's base rounded down to 1 GiB: QEMU virt's
     * 0x8000_0000. A board whose RAM starts off such a boundary, or 1 GiB or more below its first bank, would have
     * to say where (the board language has no word for it yet).
     */
    static final long RISCV_RAM_ALIGN = 1L << 30;

    /**
     * The start of the board's RAM as a loader counts text_offset from: the lowest bank's base, down to a 2 MiB
     * boundary on arm64 (booti keeps only text_offset mod 2 MiB there), down to {@link #RISCV_RAM_ALIGN} on riscv64.
     */
    static long ramBase(Plan plan) {
        long low = plan.board().dram().stream().mapToLong(b -> b.base()).min().orElse(0);
        return low & -(plan.board().arch() == BoardPlan.Arch.RISCV64 ? RISCV_RAM_ALIGN : 2L << 20);
    }

    /** Fills the header of {@code arch} for an image of {@code imageSize} bytes at {@code load}. */
    static void fill(BoardPlan.Arch arch, byte[] bin, long load, long ramBase, long imageSize) {
        if (arch == BoardPlan.Arch.RISCV64) fillRiscv(bin, load, ramBase, imageSize);
        else fillArm64(bin, load, ramBase, imageSize);
    }

    /**
     * text_offset is the load address's offset from the start of RAM: QEMU's {@code -kernel} loads an Image at its RAM
     * base + text_offset (0 on raspi4b, 0x40000000 on virt), and since RAM starts on a 2 MiB boundary this is also the
     * load address modulo 2 MiB, which is all U-Boot's booti keeps (2 MiB-aligned base + text_offset), so booti
     * neither moves the image nor loads anything over it. Runtimes without the header are left as they are.
     */
    static void fillArm64(byte[] bin, long load, long ramBase, long imageSize) {
        ByteBuffer bb = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
        if (bin.length < 64 || bb.getInt(MAGIC) != ARM64_MAGIC) return;
        put(bb, load, ramBase, imageSize);
        bb.putLong(FLAGS, ARM64_FLAGS);
    }

    /**
     * U-Boot's riscv booti refuses image_size 0 and moves an image in RAM to RAM base + text_offset, all of it; so
     * text_offset is the load address's distance from the start of RAM. Flags stay as the runtime wrote them (0:
     * little-endian). Runtimes without the header are left as they are.
     */
    static void fillRiscv(byte[] bin, long load, long ramBase, long imageSize) {
        ByteBuffer bb = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
        if (bin.length < 64 || bb.getInt(MAGIC) != RISCV_MAGIC2) return;
        put(bb, load, ramBase, imageSize);
    }

    private static void put(ByteBuffer bb, long load, long ramBase, long imageSize) {
        if (ramBase % (2L << 20) != 0 || load < ramBase) throw new IllegalArgumentException(String.format(
                "load address 0x%x is below the start of RAM 0x%x", load, ramBase));
        bb.putLong(TEXT_OFFSET, load - ramBase);
        bb.putLong(IMAGE_SIZE, imageSize);
    }
}
