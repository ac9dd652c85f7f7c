package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.abi.BlobLayout;

/**
 * `shyperc build/run --zero-ram`: the blob's FLAG_ZERO_RAM, which a build sets by default for every board but QEMU's
 * virt machines; the option forces it there. Read back from the image the jar writes.
 */
class ZeroRamOptionTest {

    /** The header flags of the one image under {@code out}. */
    static long blobFlags(Path out) throws IOException {
        Path bin;
        try (Stream<Path> s = Files.walk(out)) {
            List<Path> bins = s.filter(p -> p.getFileName().toString().equals("shyper.bin")).toList();
            assertEquals(1, bins.size(), bins.toString());
            bin = bins.get(0);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(bin)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = BlobLayout.HEADER.field("magic").offset(), flags = BlobLayout.HEADER.field("flags").offset();
        for (int page = 0; page + 4096 <= b.capacity(); page += 4096) {
            if (Integer.toUnsignedLong(b.getInt(page + magic)) == BlobLayout.MAGIC) return Integer.toUnsignedLong(b.getInt(page + flags));
        }
        throw new AssertionError("no config blob in " + bin);
    }

    private static long build(Path out, String example, String... options) throws Exception {
        String[] args = Stream.concat(Stream.of("build", "examples/" + example + "/system.shy", "-o", out.toString()),
                Stream.of(options)).toArray(String[]::new);
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 90, args);
        assertEquals(0, r.exit(), r.output());
        return blobFlags(out);
    }

    @Test
    void qemuVirtGetsTheFlagOnlyWhenAskedAndThePiModelAlways(@TempDir Path dir) throws Exception {
        assertEquals(0, build(dir.resolve("plain"), "qemu-virt-baremetal"));
        assertEquals(BlobLayout.FLAG_ZERO_RAM, build(dir.resolve("zero"), "qemu-virt-baremetal", "--zero-ram"));
        assertEquals(BlobLayout.FLAG_ZERO_RAM | BlobLayout.FLAG_TRAP_STATS,
                build(dir.resolve("both"), "qemu-virt-baremetal", "--zero-ram", "--trap-stats"));
        assertEquals(BlobLayout.FLAG_ZERO_RAM, build(dir.resolve("pi"), "rpi4-qemu"));
        assertEquals(BlobLayout.FLAG_ZERO_RAM, build(dir.resolve("pi-asked"), "rpi4-qemu", "--zero-ram"));
    }

    @Test
    void theBareMetalExampleRunsWithItsRamZeroed(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 90, "run", "--zero-ram", "examples/qemu-virt-baremetal/system.shy",
                "-o", out.toString(), "--timeout", "60");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("shyper: every VM has stopped, powering off (status 0)"), r.output());
        assertEquals(BlobLayout.FLAG_ZERO_RAM, blobFlags(out));
    }
}
