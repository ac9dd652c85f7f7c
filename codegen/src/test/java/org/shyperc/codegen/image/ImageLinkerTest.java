package org.shyperc.codegen.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shyperc.abi.BlobLayout;
import org.shyperc.codegen.blob.BlobTestPlans;
import org.shyperc.codegen.blob.BlobWriter;
import org.shyperc.plan.Plan;

class ImageLinkerTest {

    static final byte[] KERNEL = filled(5000, 0x11);
    static final byte[] DTB = filled(300, 0x22);
    static final byte[] INITRD = filled(70, 0x33);
    static final byte[] RT = filled(100, 0x44);

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static Map<String, ImageLinker.GuestPayloads> guests() {
        return Map.of("mvm", new ImageLinker.GuestPayloads(KERNEL, DTB, INITRD), "rt", new ImageLinker.GuestPayloads(RT, null, null));
    }

    static ImageLinker.LinkedImage link(long load) {
        return ImageLinker.link(BlobTestPlans.twoVms(load), SyntheticRuntime.elf(Elf64.R_AARCH64_RELATIVE), guests());
    }

    @Test
    void layoutIsRuntimeThenBlobThenPagedPayloads() {
        ImageLinker.LinkedImage img = link(0x4008_0000L);
        assertEquals(0x2000, img.blobOffset());
        assertEquals(SyntheticRuntime.MEMSZ, img.runtimeSize());
        List<BlobWriter.Payload> p = img.payloads();
        assertEquals(4, p.size());
        assertEquals(new BlobWriter.Payload(0, BlobLayout.PAYLOAD_KERNEL, 0x3000, 5000, 0x5008_0000L), p.get(0));
        assertEquals(new BlobWriter.Payload(0, BlobLayout.PAYLOAD_DTB, 0x5000, 300, 0x5300_0000L), p.get(1));
        assertEquals(new BlobWriter.Payload(0, BlobLayout.PAYLOAD_INITRD, 0x6000, 70, 0x5400_0000L), p.get(2));
        assertEquals(new BlobWriter.Payload(1, BlobLayout.PAYLOAD_KERNEL, 0x7000, 100, 0x6000_0000L), p.get(3));
        assertEquals(0x8000, img.bin().length);
        assertEquals(0x11, img.bin()[0x3000 + 4999]);
        assertEquals(0, img.bin()[0x3000 + 5000]);
        assertEquals(0x44, img.bin()[0x7000]);
        // Runtime bytes, then bss as zeros.
        assertEquals(1, img.bin()[0]);
        assertEquals(0, img.bin()[SyntheticRuntime.FILESZ + 1]);
        assertEquals("SHYB", new String(img.bin(), 0x2000, 4, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void relativeRelocationsGetTheLoadAddress() {
        for (long load : new long[] {0x4008_0000L, 0xf008_0000L, 0x8300_0000L, 0x48_0000L}) {
            Plan p = BlobTestPlans.twoVms(load);
            Plan moved = new Plan(p.system(), p.board(), new org.shyperc.plan.HypervisorPlan(load & ~0xfff_ffffL,
                    0x800_0000L, load, "uart0", 26, 1, 64), p.vms(), p.shared());
            ImageLinker.LinkedImage img = ImageLinker.link(moved, SyntheticRuntime.elf(Elf64.R_AARCH64_RELATIVE), guests());
            long v = ByteBuffer.wrap(img.bin()).order(ByteOrder.LITTLE_ENDIAN).getLong(SyntheticRuntime.RELOC_AT);
            assertEquals(load + SyntheticRuntime.RELOC_ADDEND, v);
        }
    }

    @Test
    void theElfLoadsTheBinAtTheLoadAddress() {
        ImageLinker.LinkedImage img = link(0x4008_0000L);
        Elf64 elf = Elf64.parse(img.elf());
        assertEquals(Elf64.ET_EXEC, elf.type());
        assertEquals(Elf64.EM_AARCH64, elf.machine());
        assertEquals(0x4008_0000L, elf.entry());
        Elf64.Segment s = elf.segments().get(0);
        assertEquals(List.of(new Elf64.Segment(Elf64.PT_LOAD, 7, 0x1000, 0x4008_0000L, 0x4008_0000L,
                img.bin().length, img.bin().length, 0x1000)), elf.segments());
        assertArrayEquals(img.bin(), elf.bytes(s.offset(), s.filesz()));
    }

    @Test
    void linkingIsReproducible() {
        assertArrayEquals(link(0x4008_0000L).bin(), link(0x4008_0000L).bin());
        assertArrayEquals(link(0x4008_0000L).elf(), link(0x4008_0000L).elf());
    }

    @Test
    void unsupportedRelocationsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageLinker.link(BlobTestPlans.twoVms(0x4008_0000L), SyntheticRuntime.elf(257), guests()));
        assertEquals("runtime ELF has unsupported relocation type 257", e.getMessage());
    }

    @Test
    void aPayloadOutsideTheVmsRamIsRefused() {
        Map<String, ImageLinker.GuestPayloads> g = Map.of("mvm", new ImageLinker.GuestPayloads(KERNEL, DTB, INITRD),
                "rt", new ImageLinker.GuestPayloads(new byte[0x400_0001], null, null));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ImageLinker.link(BlobTestPlans.twoVms(0x4008_0000L), SyntheticRuntime.elf(Elf64.R_AARCH64_RELATIVE), g));
        assertTrue(e.getMessage().contains("VM rt: payload [0x0, 0x4000001) is not inside its RAM"), e.getMessage());
    }

    @Test
    void anImageLargerThanTheReservationIsRefused() {
        Map<String, ImageLinker.GuestPayloads> g = Map.of("mvm", new ImageLinker.GuestPayloads(new byte[0x800_0000], DTB, INITRD),
                "rt", new ImageLinker.GuestPayloads(RT, null, null));
        Plan p = BlobTestPlans.twoVms(0x4008_0000L);
        Plan big = new Plan(p.system(), p.board(), p.hypervisor(), List.of(
                withRam(p.vms().get(0)), p.vms().get(1)), p.shared());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ImageLinker.link(big, SyntheticRuntime.elf(Elf64.R_AARCH64_RELATIVE), g));
        assertTrue(e.getMessage().contains("does not fit the hypervisor reservation [0x40000000, 0x48000000)"), e.getMessage());
    }

    private static org.shyperc.plan.VmPlan withRam(org.shyperc.plan.VmPlan v) {
        return new org.shyperc.plan.VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(),
                List.of(new org.shyperc.plan.VmPlan.Region(0x8000_0000L, 0x5000_0000L, 0x2000_0000L)),
                v.kernel(), v.initrd(), v.dtbIpa(), v.bootargs(), v.passthrough(), v.virtio(), v.console(), v.vgic(),
                v.sharedWindows());
    }

    @Test
    void aMissingKernelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageLinker.link(
                BlobTestPlans.twoVms(0x4008_0000L), SyntheticRuntime.elf(Elf64.R_AARCH64_RELATIVE),
                Map.of("mvm", new ImageLinker.GuestPayloads(KERNEL, null, null))));
        assertEquals("no kernel for VM rt", e.getMessage());
    }

    @Test
    void theArm64ImageHeaderIsFilledForBooti() {
        byte[] bin = new byte[0x3000];
        ByteBuffer b = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(56, 0x644d5241);
        BootHeader.fillArm64(bin, 0x4008_0000L, 0x4000_0000L, 0x3000);
        assertEquals(0x8_0000L, b.getLong(8));          // RAM base + text_offset = load address
        assertEquals(0x3000L, b.getLong(16));
        assertEquals(0b1010L, b.getLong(24));           // 4 KiB pages, placement anywhere
        // RAM from 0 (Raspberry Pi 4): QEMU puts an Image at RAM base + text_offset, U-Boot's booti at a 2 MiB boundary
        // + (text_offset mod 2 MiB); both are the load address.
        BootHeader.fillArm64(bin, 0x7808_0000L, 0, 0x3000);
        assertEquals(0x7808_0000L, b.getLong(8));
        assertEquals(0x8_0000L, b.getLong(8) % (2 << 20));
        byte[] plain = new byte[0x100];
        BootHeader.fillArm64(plain, 0x4008_0000L, 0x4000_0000L, 0x100);
        assertArrayEquals(new byte[0x100], plain);      // no magic, no header
    }

    @Test
    void theRiscvImageHeaderIsFilledForBooti() {
        byte[] bin = new byte[0x3000];
        ByteBuffer b = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(32, 2);                                // version 0.2, as the runtime writes it
        b.putInt(56, 0x05435352);                       // "RSC\x05"
        BootHeader.fillRiscv(bin, 0x8020_0000L, 0x8000_0000L, 0x3000);
        assertEquals(0x20_0000L, b.getLong(8));         // U-Boot's RAM base + text_offset = load address
        assertEquals(0x3000L, b.getLong(16));           // booti refuses 0
        assertEquals(0L, b.getLong(24));                // flags: little endian
        assertEquals(2, b.getInt(32));
        byte[] arm64 = new byte[0x100];
        ByteBuffer.wrap(arm64).order(ByteOrder.LITTLE_ENDIAN).putInt(56, 0x644d5241);
        byte[] before = arm64.clone();
        BootHeader.fillRiscv(arm64, 0x8020_0000L, 0x8000_0000L, 0x100);
        assertArrayEquals(before, arm64);               // another architecture's header is not touched
        BootHeader.fillArm64(bin, 0x8020_0000L, 0x8000_0000L, 0x4000);
        assertEquals(0x3000L, b.getLong(16));           // nor is a RISC-V one by the arm64 filler
    }

    @Test
    void riscvRamStartsAtTheGigabyteBelowTheFirstBank() {
        // QEMU virt's RAM starts at 0x8000_0000 (U-Boot's RAM base); the board's first bank at 0x8020_0000, after OpenSBI.
        Plan rv = org.shyperc.codegen.emit.Examples.riscv64Baremetal();
        assertEquals(0x8020_0000L, rv.board().dram().get(0).base());
        assertEquals(0x8000_0000L, BootHeader.ramBase(rv));
        // arm64 boards count from the first bank, down to 2 MiB.
        assertEquals(0x4000_0000L, BootHeader.ramBase(org.shyperc.codegen.emit.TestPlans.qemuVirtDemo()));
    }
}
