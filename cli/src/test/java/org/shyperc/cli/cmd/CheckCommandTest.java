package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;

/** What `check` (and `build`, which reads its files the same way) says about the files it was given. */
class CheckCommandTest {

    @Test
    void aFolderGivenAsAFileNamesTheShyFilesInsideIt(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sys"));
        Files.writeString(folder.resolve("system.shy"), "// mine\n");
        Files.writeString(folder.resolve("notes.txt"), "not a system\n");
        Files.createDirectories(folder.resolve("nested.shy")); // a folder, whatever its name
        for (String command : new String[] {"check", "build"}) {
            CliRun run = CliRun.of(command, "--format", "line", folder.toString());
            assertEquals(2, run.status(), run.out());
            assertTrue(run.out().contains(folder + ":1:1: error[SHY0106]: `" + folder + "` is a directory, not a .shy file.\n"
                    + folder + ":1:1: help[SHY0106]: Give the path of a file inside it: `" + folder.resolve("system.shy") + "`.\n"),
                    command + ": " + run.out());
        }
    }

    @Test
    void aFolderOfManyShyFilesNamesTheFirstFiveInOrderAndCountsTheRest(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"g", "b", "a", "f", "c", "e", "d"}) Files.writeString(dir.resolve(name + ".shy"), "");
        CliRun check = CliRun.of("check", "--format", "json", dir.toString());
        assertEquals(2, check.status(), check.out());
        String files = "`" + dir.resolve("a.shy") + "`, `" + dir.resolve("b.shy") + "`, `" + dir.resolve("c.shy") + "`, `"
                + dir.resolve("d.shy") + "`, `" + dir.resolve("e.shy") + "` and 2 more.";
        assertTrue(check.out().contains("\"hint\" : \"Give the path of a file inside it: " + files + "\""), check.out());
    }

    @Test
    void aFolderWithoutShyFilesKeepsThePlainHint(@TempDir Path dir) {
        CliRun check = CliRun.of("check", "--format", "line", dir.toString());
        assertEquals(2, check.status(), check.out());
        assertTrue(check.out().contains(": help[SHY0106]: Give the path of a file inside it.\n"), check.out());
    }

    @Test
    void aReportWrittenIsSaidAsBuildSaysWhatItWroteButNotInsideJsonOrSarif(@TempDir Path dir) throws IOException {
        Path system = Files.writeString(dir.resolve("system.shy"),
                Files.readString(CliRun.root().resolve("examples/qemu-virt/system.shy")));
        Path report = dir.resolve("rep").resolve("qemu-demo.qemu-virt.html");
        CliRun pretty = CliRun.of("check", "--report", dir.resolve("rep").toString(), system.toString());
        assertEquals(0, pretty.status(), pretty.out() + pretty.err());
        assertTrue(Files.isRegularFile(report));
        // last, after the summary (and its line about Rust-Shyper's warnings, which this system has)
        assertTrue(pretty.out().endsWith("leaves them out.\nWrote " + report + ".\n"), pretty.out());
        CliRun line = CliRun.of("check", "--format", "line", "--report", dir.resolve("rep").toString(), system.toString());
        assertTrue(line.out().endsWith("\nWrote " + report + ".\n"), line.out());
        for (String format : new String[] {"json", "sarif"}) {
            Files.delete(report);
            CliRun doc = CliRun.of("check", "--format", format, "--report", dir.resolve("rep").toString(), system.toString());
            assertEquals(0, doc.status(), doc.out() + doc.err());
            assertTrue(Files.isRegularFile(report), format);
            assertTrue(doc.out().strip().endsWith("}"), format + ": " + doc.out());
            new ObjectMapper().readTree(doc.out()); // the whole of standard output is the document
            assertFalse(doc.out().contains("Wrote"), format + ": " + doc.out());
            assertEquals("", doc.err(), format);
        }
    }
}
