package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.abi.BlobLayout;
import org.shyperc.codegen.image.ElfImageWriter;
import org.shyperc.codegen.image.ImageLinker;

/** A damaged config blob is reported on the console and nothing starts. */
class BadBlobTest {

    private static ImageLinker.LinkedImage image() {
        return TestImages.link(BootTest.threeVms(), BootTest.HELLO);
    }

    private static Qemu.Result boot(byte[] bin, long load, Path dir) throws Exception {
        Path elf = dir.resolve("bad.elf");
        Files.write(elf, ElfImageWriter.wrap(bin, load));
        return Qemu.run(elf, 30);
    }

    @Test
    void aCorruptBlobIsRefusedWithItsCrc(@TempDir Path dir) throws Exception {
        ImageLinker.LinkedImage img = image();
        byte[] bin = img.bin().clone();
        bin[(int) img.blobOffset() + BlobLayout.HEADER.size() + 3] ^= 0x10;     // a bit in the cpu table
        Qemu.Result r = boot(bin, img.loadAddress(), dir);
        assertFalse(r.timedOut(), r.output());
        assertTrue(r.output().contains("shyper: config blob is corrupt: CRC-32 0x"), r.output());
        assertTrue(r.output().contains("shyper: cannot start without a valid config blob; powering off (status 2)"), r.output());
        assertFalse(r.output().contains("[alpha]"), r.output());
        assertEquals(2, r.exitCode());
    }

    @Test
    void aBlobOfAnotherVersionIsRefused(@TempDir Path dir) throws Exception {
        ImageLinker.LinkedImage img = image();
        byte[] bin = img.bin().clone();
        bin[(int) img.blobOffset() + BlobLayout.HEADER.field("version").offset()] = 9;
        Qemu.Result r = boot(bin, img.loadAddress(), dir);
        assertTrue(r.output().contains("shyper: config blob version 9, this runtime reads version " + BlobLayout.VERSION), r.output());
        assertEquals(2, r.exitCode());
    }
}
