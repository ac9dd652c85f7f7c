package org.shyperc.dsl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs are read only from regular files, and never past the limit, whatever the file claims. */
class InputFilesTest {
    static InputFiles.Read read(Path p, long limit) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> InputFiles.read(p, p.getFileName().toString(), limit, "a .shy file"));
    }

    @Test
    void aRegularFileIsRead(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("a.shy"), "board b {}");
        InputFiles.Read r = read(f, 100);
        assertArrayEquals("board b {}".getBytes(), r.bytes());
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.shy");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        InputFiles.Read r = read(fifo, 100);
        assertEquals(InputFiles.Refusal.NOT_REGULAR, r.refusal());
        assertEquals("`pipe.shy` is a FIFO (named pipe), not a regular file.", r.problem());
    }

    @Test
    void aCharacterDeviceIsRefused() {
        InputFiles.Read r = read(Path.of("/dev/zero"), 100);
        assertEquals(InputFiles.Refusal.NOT_REGULAR, r.refusal());
        assertEquals("`zero` is a character device, not a regular file.", r.problem());
    }

    @Test
    void aFileThatClaimsNoSizeIsStillReadOnlyToTheLimit() {
        // /proc files stat as 0 bytes; this one always holds more than 16
        InputFiles.Read r = read(Path.of("/proc/self/maps"), 16);
        assertEquals(InputFiles.Refusal.TOO_BIG, r.refusal());
        assertEquals("`maps` is more than 16 bytes; the limit for a .shy file is 16 bytes.", r.problem());
    }

    @Test
    void aLargeFileIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.shy");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(5L << 30); // sparse: takes no disk
        }
        InputFiles.Read r = read(big, 64L << 20);
        assertEquals(InputFiles.Refusal.TOO_BIG, r.refusal());
        assertEquals("`big.shy` is 5368709120 bytes; the limit for a .shy file is 67108864 bytes (64 MiB).", r.problem());
    }

    @Test
    void missingAndFolder(@TempDir Path dir) {
        assertEquals(InputFiles.Refusal.MISSING, read(dir.resolve("none.shy"), 10).refusal());
        assertEquals(InputFiles.Refusal.DIRECTORY, read(dir, 10).refusal());
    }

    @Test
    void standardInputStopsAtTheLimit() {
        InputFiles.Read r = InputFiles.readStdin(new ByteArrayInputStream(new byte[1000]), "<stdin>", 999, "a .shy file");
        assertEquals(InputFiles.Refusal.TOO_BIG, r.refusal());
        assertEquals(999, InputFiles.readStdin(new ByteArrayInputStream(new byte[999]), "<stdin>", 999, "a .shy file").bytes().length);
    }
}
