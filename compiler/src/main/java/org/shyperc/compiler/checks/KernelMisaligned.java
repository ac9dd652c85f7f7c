package org.shyperc.compiler.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.VmPlan;

/**
 * SHY0706 (warning): a Linux kernel sits at a 2 MiB boundary plus its `text_offset`. The arm64
 * boot protocol (Documentation/arch/arm64/booting.rst) places the Image `text_offset` bytes above a
 * 2 MiB-aligned base; the Image header states the offset (0x80000 in old kernels, 0 in current
 * ones, 0x80000 when `image_size` is 0, before v3.17). Without a readable arm64 header, and on
 * riscv64 (Documentation/arch/riscv/boot.rst: a PMD boundary, 2 MiB on rv64), the kernel itself
 * belongs at a 2 MiB boundary.
 */
public final class KernelMisaligned implements Check {
    static final long ALIGN = 2L << 20;
    /** "ARM\x64", little endian, at offset 0x38 of an arm64 Image. */
    private static final int ARM64_MAGIC = 0x644d_5241;
    private static final long LEGACY_TEXT_OFFSET = 0x8_0000;

    @Override
    public Code code() { return Codes.KERNEL_MISALIGNED; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.IMAGE_OUTSIDE_RAM); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            VmModel.Payload k = vm.kernel();
            if (vm.kind() != VmPlan.Kind.LINUX || k == null || out.skips(k.span())) continue;
            boolean arm64 = in.board().arch() == BoardPlan.Arch.AARCH64;
            long offset = arm64 ? arm64TextOffset(k) : 0;
            if (Long.remainderUnsigned(k.ipa() - offset, ALIGN) == 0) continue;
            String want = offset == 0 ? "a 2 MiB boundary" : Hex.of(offset) + " (its `text_offset`) above a 2 MiB boundary";
            long up = place(vm, k, offset, true);
            long down = up == -1 ? place(vm, k, offset, false) : -1;
            String where = up != -1 ? "Load it at " + Hex.of(up) + ", the next such address in its RAM."
                    : down != -1 ? "Load it at " + Hex.of(down) + ", the nearest such address below it in its RAM (none above has room)."
                    : "Its RAM has no such address with room for the kernel: give the VM more RAM, or move its other payloads.";
            out.report(k.span(), "The Linux kernel `" + k.path() + "` of vm `" + vm.name() + "` is loaded at "
                    + Hex.of(k.ipa()) + ", not at " + want + ".")
                    .hint(where + " Linux's boot protocol asks for it" + (arm64 ? "; arm64 Linux 6.1 otherwise prints "
                            + "`[Firmware Bug]: Kernel image misaligned at boot`." : "."));
        }
    }

    /**
     * The nearest address above (or below) the kernel's that Linux accepts, inside the RAM region the
     * kernel is in, with room for the kernel (its size when the file is readable) clear of the initrd
     * and the device tree; -1 when there is none.
     */
    private static long place(VmModel vm, VmModel.Payload k, long offset, boolean upwards) {
        VmModel.Mem ram = Payloads.ramHolding(vm, k.ipa(), Addr.end(k.ipa(), 1));
        if (ram == null) return -1;
        long ramEnd = Addr.end(ram.ipa(), ram.size());
        long size = Math.max(k.size(), 1);
        long at = upwards ? alignUp(k.ipa() - offset) : ((k.ipa() - offset) & -ALIGN);
        // the initrd and the device tree are all that can be in the way: two steps past them at most
        for (int tries = 0; tries < 3 && at != -1; tries++) {
            at += offset;
            long end = Addr.end(at, size);
            if (!Addr.within(at, end, ram.ipa(), ramEnd)) return -1;
            Payloads.Load in = null;
            for (Payloads.Load l : Payloads.of(vm)) {
                if (!l.span().equals(k.span()) && Addr.intersects(at, end, l.ipa(), l.end())) in = l;
            }
            if (in == null) return at;
            if (!upwards) return -1;
            at = alignUp(in.end() - offset); // past the payload in the way
        }
        return -1;
    }

    private static long alignUp(long a) {
        long r = (a + ALIGN - 1) & -ALIGN;
        return Long.compareUnsigned(r, a) < 0 ? -1 : r;
    }

    /** The `text_offset` an arm64 Image header states; 0 when the file is unreadable or no arm64 Image. */
    static long arm64TextOffset(VmModel.Payload k) {
        Path p = k.resolved();
        if (p == null || k.size() < 64) return 0;
        byte[] head = new byte[64];
        try (InputStream s = Files.newInputStream(p)) {
            if (s.readNBytes(head, 0, 64) < 64) return 0;
        } catch (IOException | SecurityException e) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0x38) != ARM64_MAGIC) return 0;
        long textOffset = b.getLong(8);
        long imageSize = b.getLong(16);
        // before v3.17 the field's endianness was unstated and image_size was 0; the offset was 0x80000
        if (imageSize == 0) return LEGACY_TEXT_OFFSET;
        return Long.compareUnsigned(textOffset, ALIGN) < 0 ? textOffset : 0;
    }
}
