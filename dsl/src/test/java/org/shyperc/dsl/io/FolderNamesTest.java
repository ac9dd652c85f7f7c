package org.shyperc.dsl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder's names, listed once and listed again when the folder changes. */
class FolderNamesTest {
    @Test
    void aFolderIsListedAgainOnceItChanges(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("alpha.shy"), "");
        Files.writeString(dir.resolve("notes.txt"), "");
        Files.createDirectory(dir.resolve("boards"));
        FileTime first = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir, first);
        assertEquals(Optional.of("alpha.shy"), FolderNames.files(dir, ".shy").closest("alpa.shy"));
        assertEquals(Optional.empty(), FolderNames.files(dir, ".shy").closest("notes.txx"));  // not of the suffix
        assertEquals(Optional.of("notes.txt"), FolderNames.files(dir, "").closest("notes.txx"));
        assertEquals(Optional.of("boards"), FolderNames.folders(dir).closest("bords"));
        assertEquals(Optional.empty(), FolderNames.files(dir, "").closest("bords"));         // a folder is no file

        Files.writeString(dir.resolve("beta.shy"), "");
        Files.setLastModifiedTime(dir, first);   // as if within the same tick: the listing kept is used
        assertEquals(Optional.empty(), FolderNames.files(dir, ".shy").closest("betta.shy"));
        Files.setLastModifiedTime(dir, FileTime.fromMillis(first.toMillis() + 1000));
        assertEquals(Optional.of("beta.shy"), FolderNames.files(dir, ".shy").closest("betta.shy"));
    }

    @Test
    void aFolderThatIsNotThereHasNoNames(@TempDir Path dir) {
        assertEquals(Optional.empty(), FolderNames.files(dir.resolve("gone"), "").closest("x"));
        assertEquals(Optional.empty(), FolderNames.folders(dir.resolve("gone")).closest("x"));
    }
}
