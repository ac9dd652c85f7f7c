package org.shyperc.cli.cmd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether shyperc talks to a terminal: standard input and output both one, which is what {@code System.console()}
 * answers on JDK 17. Where Linux lists a process's files (/proc/self/fd) it is read from there: making the Console
 * makes its Formatter, which compiles a regular expression, and those were the only lambdas a cold check on a
 * terminal linked (about 15 ms for the first, docs/decisions.md "Start-up").
 */
final class Terminal {
    private static final Path FDS = Path.of("/proc/self/fd");

    private Terminal() { }

    static boolean interactive() {
        return Files.isDirectory(FDS) ? interactive(FDS) : System.console() != null;
    }

    /** {@code fds}: a folder of links named by file descriptor, as /proc/self/fd. */
    static boolean interactive(Path fds) {
        return terminal(fds.resolve("0")) && terminal(fds.resolve("1"));
    }

    private static boolean terminal(Path fd) {
        try {
            String to = Files.readSymbolicLink(fd).toString();
            return to.startsWith("/dev/pts/") || to.startsWith("/dev/tty") || to.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
