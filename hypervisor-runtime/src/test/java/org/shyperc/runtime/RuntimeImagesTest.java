package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shyperc.codegen.image.Elf64;

/** The jar carries a relocatable aarch64 runtime and the test guests. */
class RuntimeImagesTest {

    @Test
    void theRuntimeIsAnAarch64PieWithOnlyRelativeRelocations() {
        Elf64 elf = Elf64.parse(RuntimeImages.aarch64Runtime());
        assertEquals(Elf64.EM_AARCH64, elf.machine());
        assertEquals(Elf64.ET_DYN, elf.type());
        assertEquals(0, elf.entry());
        assertEquals(0, elf.symbol("__blob_start") % 4096);
        assertTrue(elf.relocations().stream().allMatch(r -> r.type() == Elf64.R_AARCH64_RELATIVE), "only RELATIVE");
    }

    @Test
    void everyTestGuestIsThere() {
        for (String g : RuntimeImages.GUESTS) {
            byte[] bin = RuntimeImages.aarch64Guest(g);
            assertTrue(bin.length > 1024 && bin.length < 64 * 1024, g + " is " + bin.length + " bytes");
        }
    }

    @Test
    void linkingTheRealRuntimeIsReproducible() {
        var a = TestImages.link(BootTest.threeVms(), BootTest.HELLO);
        var b = TestImages.link(BootTest.threeVms(), BootTest.HELLO);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.bin(), b.bin());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.elf(), b.elf());
        // The runtime starts with an arm64 Image header for booti: magic at 56, text_offset = load % 2 MiB.
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(a.bin()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x644d5241, h.getInt(56));
        assertEquals(0x8_0000L, h.getLong(8));
        assertEquals(a.bin().length, h.getLong(16));
    }

    @Test
    void theRiscvRuntimeStartsWithARiscvImageHeaderFilledForItsLoadAddress() {
        var a = RiscvBootTest.link(RiscvPlans.threeVms(), RiscvBootTest.HELLO, RuntimeImages.riscv64Runtime());
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(a.bin()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0400006f, h.getInt(0));              // code0: j +64, over the header to the entry code
        assertEquals(0x05435352, h.getInt(56));             // magic2 "RSC\x05", what U-Boot's booti checks
        assertEquals(0x5643534952L, h.getLong(48));         // the deprecated magic "RISCV"
        assertEquals(2, h.getInt(32));                      // header version 0.2
        assertEquals(0, h.getLong(24));                     // flags: little endian
        // booti moves the image to its RAM base (QEMU virt: 0x8000_0000) + text_offset: the load address 0x8020_0000.
        assertEquals(0x20_0000L, h.getLong(8));
        assertEquals(a.bin().length, h.getLong(16));
    }
}
