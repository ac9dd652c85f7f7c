package org.shyperc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A usage error or a file the command could not write echoes the user's own words: a control character in them (a
 * file named with an escape sequence, say, reached through a glob) is shown as an escape, not sent to the terminal.
 * Through {@link Main#run}, as `main` runs a command: its standard error escapes them (VisibleWriter).
 */
class UsageErrorsEchoVisiblyTest {
    private static final String ESC = "\u001b]0;owned\u0007";

    private static void assertShown(String... args) {
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int status = Main.run(cl, args);
        String e = err.toString();
        assertEquals(2, status, e);
        assertFalse(e.contains("\u001b") || e.contains("\u0007"), e);
        assertTrue(e.contains("\\u001b]0;owned\\u0007"), e);
        assertTrue(e.endsWith("\n"), "line ends are kept: " + e);
    }

    @Test
    void anUnknownOption() {
        assertShown("check", "a.shy", "--x" + ESC);
    }

    @Test
    void anUnknownCommand() {
        assertShown("frob" + ESC);
    }

    @Test
    void aFileThatCannotBeWritten(@TempDir Path dir) throws Exception {
        Path notAFolder = dir.resolve("plain" + ESC);
        java.nio.file.Files.writeString(notAFolder, "x");
        Path system = CliRun.root().resolve("examples/qemu-virt-baremetal/system.shy");
        assertShown("build", "-o", notAFolder.resolve("out").toString(), system.toString());
    }
}
