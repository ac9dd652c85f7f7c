package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A terminal is told from the links of standard input and output, as /proc/self/fd has them. */
class TerminalTest {
    @TempDir
    Path fds;

    @Test
    void bothOnATerminalIsInteractive() throws IOException {
        assertTrue(with("/dev/pts/3", "/dev/pts/3"));
        assertTrue(with("/dev/tty1", "/dev/ttyS0"));
        assertTrue(with("/dev/console", "/dev/tty"));
    }

    @Test
    void aPipeAFileOrNothingIsNot() throws IOException {
        assertFalse(with("/dev/pts/3", "pipe:[4242]"));
        assertFalse(with("pipe:[4242]", "/dev/pts/3"));
        assertFalse(with("/dev/pts/3", "/home/me/out.txt"));
        assertFalse(with("/dev/null", "/dev/pts/3"));
        assertFalse(with("socket:[7]", "/dev/ptsX"));
        assertFalse(Terminal.interactive(fds.resolve("missing")));
    }

    @Test
    void theTestRunnersPipesAreNoTerminal() throws IOException {
        // Surefire talks to the JVM it forks through pipes, which this process's own /proc/self/fd shows
        // (System.console() is no measure from JDK 22 on: it gives a Console without a terminal too)
        assertTrue(Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString().startsWith("pipe:"));
        assertFalse(Terminal.interactive());
    }

    private boolean with(String in, String out) throws IOException {
        Files.deleteIfExists(fds.resolve("0"));
        Files.deleteIfExists(fds.resolve("1"));
        Files.createSymbolicLink(fds.resolve("0"), Path.of(in));
        Files.createSymbolicLink(fds.resolve("1"), Path.of(out));
        return Terminal.interactive(fds);
    }
}
