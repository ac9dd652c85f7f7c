package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same bytes: two builds from different folders, at different times, one started from the system's folder and
 * one from the folder above it, write identical files.
 */
class ReproducibleBuildTest {
    @Test
    void twoBuildsInDifferentFoldersAtDifferentTimesAreByteIdentical(@TempDir Path a, @TempDir Path b) throws Exception {
        Path first = a.resolve("one/deeper");
        Path second = b.resolve("two");
        for (Path dir : List.of(first, second)) setUp(dir);
        Shyperc.Run r1 = Shyperc.run(first, 120, "build", "system.shy", "-o", "out");
        assertEquals(0, r1.exit(), r1.output());
        Thread.sleep(1500); // another second: a timestamp anywhere would now differ
        // started from the folder above, the system file named through its folder: the manifest named it so
        Shyperc.Run r2 = Shyperc.run(b, 120, "build", "two/system.shy", "-o", "two/out");
        assertEquals(0, r2.exit(), r2.output());

        List<Path> files1 = list(first.resolve("out"));
        List<Path> files2 = list(second.resolve("out"));
        assertEquals(files1, files2, "the same files");
        assertEquals(18, files1.size(), files1.toString());
        for (Path rel : files1) {
            assertArrayEquals(Files.readAllBytes(first.resolve("out").resolve(rel)),
                    Files.readAllBytes(second.resolve("out").resolve(rel)), rel + " differs");
        }
    }

    /** The QEMU example (its board from the library) and small stand-in guest images. */
    private static void setUp(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.writeString(dir.resolve("system.shy"), Files.readString(Shyperc.ROOT.resolve("examples/qemu-virt/system.shy")));
        byte[] image = new byte[64 * 1024];
        for (int i = 0; i < image.length; i++) image[i] = (byte) (i * 31 + 7);
        for (String f : List.of("Image", "initrd.cpio.gz", "rt.bin", "bm.bin")) Files.write(dir.resolve("images").resolve(f), image);
    }

    private static List<Path> list(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
