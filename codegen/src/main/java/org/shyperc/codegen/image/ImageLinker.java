package org.shyperc.codegen.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shyperc.abi.BlobLayout;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.codegen.blob.BlobWriter;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Links {@code shyper.bin} / {@code shyper.elf}: the position-independent runtime relocated to the
 * board's load address, then the config blob, then every guest payload (4 KiB aligned), which the
 * runtime copies to its planned PA at boot. Pure Java, deterministic.
 *
 * <pre>
 * load_address: runtime text/rodata/data, bss (zeros)   ← relocated R_AARCH64_RELATIVE / R_RISCV_RELATIVE
 * + blob_offset: config blob (symbol __blob_start)
 * + ...        : payload 0, payload 1, ... (kernel, dtb, initrd per VM, in VM order)
 * </pre>
 */
public final class ImageLinker {
    private ImageLinker() { }

    public static final int PAGE = 4096;

    /** A VM's guest files; {@code dtb} and {@code initrd} may be null. */
    public record GuestPayloads(byte[] kernel, byte[] dtb, byte[] initrd) { }

    public record LinkedImage(byte[] bin, byte[] elf, long loadAddress, long blobOffset, int blobSize,
                              long runtimeSize, List<BlobWriter.Payload> payloads) {
        public void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            Files.write(dir.resolve("shyper.bin"), bin);
            Files.write(dir.resolve("shyper.elf"), elf);
        }
    }

    /**
     * Links a Plan that checked clean. What the plan could get wrong (a load address, payloads
     * outside RAM, an image larger than the reservation, the runtime's limits) the checks of the
     * shyper image refuse first, estimating from the payloads' sizes and
     * {@link RuntimeLimits#RUNTIME_MAX_SIZE}; here those are assertions, and failing one is a bug
     * ({@link IllegalStateException}). An {@link IllegalArgumentException} says the caller passed a
     * broken runtime or payloads that do not match the plan.
     *
     * @param runtimeElf the runtime as built (linked at 0, position independent)
     * @param guests     payloads by VM name; every VM of the plan needs an entry with a kernel; a
     *                   device tree larger than {@link #DTB_MAX} does not fit the room the checks kept
     */
    public static LinkedImage link(Plan plan, byte[] runtimeElf, Map<String, GuestPayloads> guests) {
        return link(plan, runtimeElf, guests, 0);
    }

    /** As {@link #link(Plan, byte[], Map)}, with {@code BlobLayout.FLAG_*} bits in the blob's header (say {@code FLAG_TRAP_STATS}). */
    public static LinkedImage link(Plan plan, byte[] runtimeElf, Map<String, GuestPayloads> guests, int blobFlags) {
        long load = plan.hypervisor().loadAddress();
        assertChecked(load % PAGE == 0, String.format("load address 0x%x is not 4 KiB aligned", load));
        Elf64 elf = Elf64.parse(runtimeElf);
        boolean riscv = plan.board().arch() == BoardPlan.Arch.RISCV64;
        int machine = riscv ? Elf64.EM_RISCV : Elf64.EM_AARCH64;
        if (elf.machine() != machine) {
            throw new IllegalArgumentException("the runtime ELF is not " + (riscv ? "riscv64" : "aarch64") + ", the board's architecture");
        }

        long memEnd = 0;
        for (Elf64.Segment s : elf.segments()) {
            if (s.type() == Elf64.PT_LOAD) memEnd = Math.max(memEnd, s.vaddr() + s.memsz());
        }
        if (memEnd > RuntimeLimits.RUNTIME_MAX_SIZE) {
            throw new IllegalArgumentException(String.format("the runtime takes 0x%x bytes, more than the 0x%x the checks "
                    + "assume (RuntimeLimits.RUNTIME_MAX_SIZE)", memEnd, RuntimeLimits.RUNTIME_MAX_SIZE));
        }
        long blobOffset = elf.symbol("__blob_start");
        if (blobOffset != align(memEnd, PAGE)) {
            throw new IllegalArgumentException(String.format("runtime __blob_start 0x%x is not the page after its end 0x%x", blobOffset, memEnd));
        }

        // Place payloads in VM order: kernel, dtb, initrd.
        int count = 0;
        for (VmPlan vm : plan.vms()) {
            GuestPayloads g = guests.get(vm.name());
            if (g == null || g.kernel() == null) throw new IllegalArgumentException("no kernel for VM " + vm.name());
            if (g.dtb() != null && g.dtb().length > DTB_MAX) {
                throw new IllegalArgumentException("the device tree of VM " + vm.name() + " is " + g.dtb().length
                        + " bytes, more than the " + DTB_MAX + " kept for it");
            }
            count += 1 + (g.dtb() != null ? 1 : 0) + (g.initrd() != null ? 1 : 0);
        }
        int blobSize = BlobWriter.size(plan, count);
        long cursor = align(blobOffset + blobSize, PAGE);
        List<BlobWriter.Payload> placed = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            GuestPayloads g = guests.get(vm.name());
            cursor = place(vm, BlobLayout.PAYLOAD_KERNEL, vm.kernel().ipa(), g.kernel(), cursor, placed, data);
            if (g.dtb() != null) cursor = place(vm, BlobLayout.PAYLOAD_DTB, vm.dtbIpa(), g.dtb(), cursor, placed, data);
            if (g.initrd() != null) {
                if (vm.initrd() == null) throw new IllegalArgumentException("VM " + vm.name() + " has initrd bytes but no initrd in the plan");
                cursor = place(vm, BlobLayout.PAYLOAD_INITRD, vm.initrd().ipa(), g.initrd(), cursor, placed, data);
            }
        }
        long imageSize = cursor;
        long reserveEnd = plan.hypervisor().reserveBase() + plan.hypervisor().reserveSize();
        assertChecked(load >= plan.hypervisor().reserveBase() && load + imageSize <= reserveEnd, String.format(
                "image [0x%x, 0x%x) does not fit the hypervisor reservation [0x%x, 0x%x)",
                load, load + imageSize, plan.hypervisor().reserveBase(), reserveEnd));

        byte[] bin = new byte[Math.toIntExact(imageSize)];
        for (Elf64.Segment s : elf.segments()) {
            if (s.type() != Elf64.PT_LOAD) continue;
            System.arraycopy(elf.bytes(s.offset(), s.filesz()), 0, bin, (int) s.vaddr(), (int) s.filesz());
        }
        relocate(elf, bin, load, memEnd);
        BootHeader.fill(plan.board().arch(), bin, load, BootHeader.ramBase(plan), imageSize);
        byte[] blob = BlobWriter.write(plan, imageSize, placed, blobFlags);
        System.arraycopy(blob, 0, bin, (int) blobOffset, blob.length);
        for (int i = 0; i < placed.size(); i++) {
            System.arraycopy(data.get(i), 0, bin, (int) placed.get(i).offset(), data.get(i).length);
        }
        return new LinkedImage(bin, ElfImageWriter.wrap(bin, load, machine), load, blobOffset, blob.length, memEnd, List.copyOf(placed));
    }

    /** Applies the runtime's relative relocations (R_AARCH64_RELATIVE, R_RISCV_RELATIVE) for base {@code load}; any other type is an error. */
    static void relocate(Elf64 elf, byte[] bin, long load, long memEnd) {
        ByteBuffer bb = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
        boolean riscv = elf.machine() == Elf64.EM_RISCV;
        int none = riscv ? Elf64.R_RISCV_NONE : Elf64.R_AARCH64_NONE;
        int relative = riscv ? Elf64.R_RISCV_RELATIVE : Elf64.R_AARCH64_RELATIVE;
        for (Elf64.Rela r : elf.relocations()) {
            if (r.type() == none) continue;
            if (r.type() != relative) {
                throw new IllegalArgumentException("runtime ELF has unsupported relocation type " + r.type());
            }
            if (r.offset() < 0 || r.offset() + 8 > memEnd) throw new IllegalArgumentException("relocation outside the runtime");
            bb.putLong((int) r.offset(), load + r.addend());
        }
    }

    private static long place(VmPlan vm, int kind, long ipa, byte[] bytes, long cursor,
                              List<BlobWriter.Payload> placed, List<byte[]> data) {
        long pa = ipaToPa(vm, ipa, bytes.length);
        placed.add(new BlobWriter.Payload(vm.id(), kind, cursor, bytes.length, pa));
        data.add(bytes);
        return align(cursor + bytes.length, PAGE);
    }

    /**
     * The PA behind the first byte of [ipa, ipa+len) of a VM's RAM; the range must lie in one RAM region. In a
     * coloured region the rest follows the region's pages (the runtime copies it page run by page run).
     */
    static long ipaToPa(VmPlan vm, long ipa, long len) {
        for (VmPlan.Region r : vm.memory()) {
            if (ipa >= r.ipa() && ipa + len <= r.ipaEnd()) return r.paOf(ipa);
        }
        assertChecked(false, String.format("VM %s: payload [0x%x, 0x%x) is not inside its RAM", vm.name(), ipa, ipa + len));
        return -1;
    }

    /** The room the checks keep for a generated device tree, in guest RAM and in the image. */
    public static final long DTB_MAX = org.shyperc.compiler.model.VmModel.DTB_MAX;

    /** What the checks guarantee for a plan; failing it is shyperc's bug, not the user's. */
    static void assertChecked(boolean holds, String what) {
        if (!holds) throw new IllegalStateException("internal error: a plan that checked clean cannot be linked: " + what);
    }

    static long align(long v, long a) { return (v + a - 1) & -a; }
}
