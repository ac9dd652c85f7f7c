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
}
