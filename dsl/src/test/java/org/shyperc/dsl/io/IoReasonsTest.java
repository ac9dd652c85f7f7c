package org.shyperc.dsl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIO's failures in words: the path alone, or the C library's capitalised text, is not a reason. */
class IoReasonsTest {
    @Test
    void aFileWhereAFolderShouldBe(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        IOException mkdirs = assertThrows(IOException.class, () -> Files.createDirectories(file.resolve("sub")));
        assertEquals("`" + file + "` is a file, not a folder", IoReasons.of(mkdirs));
        IOException open = assertThrows(IOException.class, () -> Files.writeString(file.resolve("x.shy"), "x"));
        assertEquals("`" + file + "` is a file, not a folder", IoReasons.of(open));
    }

    @Test
    void theOperatingSystemsWords() {
        assertEquals("no space left on device", IoReasons.of(new IOException("No space left on device")));
        assertEquals("read-only file system", IoReasons.of(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("permission denied", IoReasons.of(new AccessDeniedException("/x")));
        assertEquals("something odd", IoReasons.of(new IOException("Something odd")));
    }
}
