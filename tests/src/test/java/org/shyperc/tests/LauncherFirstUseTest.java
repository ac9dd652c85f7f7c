package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `./shyperc` launcher on a checkout that was never built, on a real terminal (util-linux
 * `script` gives it one, as a user's shell would): it says that it is building and how far it
 * got, prints no terminal escape codes, and a broken source gives Maven's errors and status 2.
 */
class LauncherFirstUseTest {
    private static final Set<String> SKIP = Set.of("target", "node_modules", ".git", "out");

    @Test
    void firstUseShowsProgressAndNoEscapeCodes(@TempDir Path dir) throws Exception {
        Path copy = copyOfSources(dir.resolve("shyperc"));
        String out = onTerminal(copy, "./shyperc --version");
        assertFalse(out.contains("\u001b"), "escape codes on the terminal:\n" + out.replace("\u001b", "<ESC>"));
        assertTrue(out.contains("shyperc: building shyperc"), out);
        assertTrue(out.contains("shyperc:   [7/7] shyperc command line and language server"), out);
        assertTrue(out.contains("\nshyperc 0.1.0-SNAPSHOT\n"), out);
        assertTrue(out.contains("COMMAND_EXIT_CODE=\"0\""), out);

        checkFromTheBootClassPath(copy, dir);

        Files.writeString(copy.resolve("cli/src/main/java/org/shyperc/cli/Main.java"), "class Broken {", StandardCharsets.UTF_8);
        String broken = onTerminal(copy, "./shyperc --version");
        assertFalse(broken.contains("\u001b"), broken);
        assertTrue(broken.contains("[ERROR] COMPILATION ERROR"), broken);
        assertTrue(broken.contains("shyperc: the build failed"), broken);
        assertTrue(broken.contains("COMMAND_EXIT_CODE=\"2\""), broken);
    }

    /**
     * The built launcher's `check` runs the jar from the boot class path with its own class-data archive: every class
     * of ours comes from the archive, and a check of a valid system links no lambda (docs/decisions.md, "Start-up").
     * On a terminal it still colours its output. A check that writes a report keeps the class path, which Velocity
     * needs; a usage error still reaches picocli.
     */
    private static void checkFromTheBootClassPath(Path copy, Path dir) throws IOException, InterruptedException {
        Path classes = dir.resolve("classes.log");
        // colours whatever the environment of the build says (a CI may set NO_COLOR or TERM=dumb)
        String out = onTerminal(copy, "env -u NO_COLOR TERM=xterm SHYPERC_JAVA_OPTS=-Xlog:class+load:file=" + classes
                + " ./shyperc check examples/qemu-virt-baremetal/system.shy");
        assertTrue(out.contains("COMMAND_EXIT_CODE=\"0\""), out);
        assertTrue(out.contains("\u001b[") && out.contains("warning"), "a terminal gets colours:\n" + out);
        assertTrue(Files.isRegularFile(copy.resolve("cli/target/shyperc-check.jsa")), out);
        List<String> loaded = Files.readAllLines(classes);
        List<String> ours = loaded.stream().filter(l -> l.contains(" org.shyperc.")).toList();
        assertTrue(ours.size() > 100, loaded.size() + " classes");
        assertEquals(List.of(), ours.stream().filter(l -> !l.endsWith("source: shared objects file")).toList());
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains("$$Lambda")).toList());

        String report = onTerminal(copy, "./shyperc check --report " + dir.resolve("report")
                + " examples/qemu-virt-baremetal/system.shy");
        assertTrue(report.contains("COMMAND_EXIT_CODE=\"0\""), report);
        assertTrue(Files.isRegularFile(dir.resolve("report/baremetal.qemu-virt.html")), report);
        String usage = onTerminal(copy, "./shyperc check --bogus examples/qemu-virt-baremetal/system.shy");
        assertTrue(usage.contains("Unknown option: '--bogus'"), usage);
        assertTrue(usage.contains("COMMAND_EXIT_CODE=\"2\""), usage);
    }

    /** Runs {@code command} in {@code dir} under `script`, which gives it a pseudo-terminal. */
    private static String onTerminal(Path dir, String command) throws IOException, InterruptedException {
        Path log = dir.resolve("../typescript");
        Process p = new ProcessBuilder("script", "-q", "-e", "-c", command, log.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 300 s");
        }
        String text = Files.readString(log, StandardCharsets.UTF_8).replace("\r", "");
        // the first and last lines are script's own; the last holds the exit status
        List<String> lines = text.lines().filter(l -> !l.startsWith("Script started")).toList();
        String status = lines.stream().filter(l -> l.startsWith("Script done")).findFirst().orElse("no status");
        return String.join("\n", lines.stream().filter(l -> !l.startsWith("Script done")).toList()) + "\n" + status;
    }

    /** The checkout without build output, as a fresh clone has it. */
    private static Path copyOfSources(Path to) throws IOException {
        Path root = Shyperc.ROOT;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                if (!d.equals(root) && SKIP.contains(d.getFileName().toString())) return FileVisitResult.SKIP_SUBTREE;
                Files.createDirectories(to.resolve(root.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (a.isRegularFile()) Files.copy(f, to.resolve(root.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        assertTrue(Files.isExecutable(to.resolve("shyperc")));
        return to;
    }
}
