package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;

class FmtCommandTest {
    private static final String MESSY = "board b {   arch aarch64;   timer irq [ 1 ,2 ] }\n";
    private static final String CANONICAL = """
            board b {
                arch aarch64
                timer irq [1, 2]
            }
            """;

    @Test
    void checkNamesUnformattedFilesAndChangesNothing(@TempDir Path dir) throws IOException {
        Path messy = Files.writeString(dir.resolve("messy.shy"), MESSY);
        Path tidy = Files.writeString(dir.resolve("tidy.shy"), CANONICAL);
        CliRun run = CliRun.of("fmt", "--check", messy.toString(), tidy.toString());
        assertEquals(1, run.status());
        assertEquals(messy + ": not formatted\n", run.out());
        assertEquals(MESSY, Files.readString(messy));
    }

    @Test
    void checkPassesOnCanonicalFiles(@TempDir Path dir) throws IOException {
        Path tidy = Files.writeString(dir.resolve("tidy.shy"), CANONICAL);
        assertEquals(0, CliRun.of("fmt", "--check", tidy.toString()).status());
    }

    @Test
    void rewritesInPlace(@TempDir Path dir) throws IOException {
        Path messy = Files.writeString(dir.resolve("messy.shy"), MESSY);
        CliRun run = CliRun.of("fmt", messy.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(CANONICAL, Files.readString(messy));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "a temporary file was left behind");
        }
    }

    /** A file that begins with a byte-order mark keeps it (it was dropped), and `--check` passes it once canonical. */
    @Test
    void aByteOrderMarkIsKept(@TempDir Path dir) throws IOException {
        Path messy = Files.writeString(dir.resolve("messy.shy"), "\uFEFF" + MESSY);
        assertEquals(0, CliRun.of("fmt", messy.toString()).status());
        assertEquals("\uFEFF" + CANONICAL, Files.readString(messy));
        CliRun again = CliRun.of("fmt", "--check", messy.toString());
        assertEquals(0, again.status(), again.out());
    }

    @Test
    void refusesTextWithSyntaxErrors(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.shy"), "board b { arch }\n");
        CliRun run = CliRun.of("fmt", broken.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("SHY0101"), run.err());
        assertEquals("board b { arch }\n", Files.readString(broken));
    }

    @Test
    void aFolderMeansEveryShyFileUnderIt(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createDirectories(dir.resolve("out/x"));
        Path deep = Files.writeString(dir.resolve("a/b/deep.shy"), MESSY);
        Path top = Files.writeString(dir.resolve("top.shy"), MESSY);
        Files.writeString(dir.resolve("notes.txt"), MESSY);
        Path built = Files.writeString(dir.resolve("out/x/copy.shy"), MESSY);
        CliRun run = CliRun.of("fmt", "--check", dir.toString());
        assertEquals(1, run.status());
        assertEquals(deep + ": not formatted\n" + top + ": not formatted\n", run.out());
        assertEquals(0, CliRun.of("fmt", dir.toString()).status());
        assertEquals(CANONICAL, Files.readString(deep));
        assertEquals(MESSY, Files.readString(built), "build output was formatted");
    }

    @Test
    void aMissingFileIsAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.of("fmt", dir.resolve("nope.shy").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("does not exist"), run.err());
    }
}
