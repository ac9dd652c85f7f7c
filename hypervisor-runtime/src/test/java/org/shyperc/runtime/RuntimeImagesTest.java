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
}
