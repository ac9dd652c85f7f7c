package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CLI behaviour, one file per case under tests/cli/ (in the spirit of txtar scripts): the
 * commands, the expected exit status and output, the input files inline and set-up lines for
 * what text cannot hold (see {@link Script}). The real jar runs in a scratch folder, with a
 * time limit: a command that hangs fails its case. `SHY_UPDATE=1` rewrites the expected output.
 */
class CliScriptTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    static final long TIMEOUT_SECONDS = 60;
    /** The jar under test; -Dshyperc.jar=… runs the cases against another build (say, of main). */
    static final Path JAR = Path.of(System.getProperty("shyperc.jar", ROOT.resolve("cli/target/shyperc.jar").toString()));

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("tests/cli"))) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void script(Path file, @TempDir Path dir) throws Exception {
        Script s = Script.parse(Files.readString(file));
        for (var e : s.files().entrySet()) {
            if (e.getKey().equals(Script.STDIN)) continue;
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        setUp(s, dir);
        StringBuilder all = new StringBuilder();
        int exit = 0;
        for (int i = 0; i < s.commands().size(); i++) {
            Run r = run(file, s, s.commands().get(i), dir);
            all.append(r.output());
            exit = r.exit();
            if (i < s.commands().size() - 1 && exit != 0) {
                throw new AssertionError(file.getFileName() + ": `" + String.join(" ", s.commands().get(i)) + "` exited with "
                        + exit + ":\n" + all);
            }
        }
        String actual = all.toString().replace(dir.toString(), "$DIR").replace(ROOT.toString(), "$ROOT");
        if ("1".equals(System.getenv("SHY_UPDATE"))) {
            Files.writeString(file, s.withResult(exit, actual));
            return;
        }
        assertEquals(s.stdout(), actual, "output of " + file.getFileName());
        assertEquals(s.exit(), exit, "exit status of " + file.getFileName());
    }

    private record Run(int exit, String output) { }

    /** One `exec:` line, with the case's environment, standard input and set-up limits. */
    private static Run run(Path file, Script s, List<String> args, Path dir) throws Exception {
        List<String> cmd = new ArrayList<>();
        List<String> limit = s.setup("ulimit-f");
        if (!limit.isEmpty()) cmd.addAll(List.of("sh", "-c", "ulimit -f " + limit.get(0) + " && exec \"$@\"", "sh"));
        cmd.addAll(List.of("java", "-jar", JAR.toString()));
        for (String a : args) cmd.add(a.replace("$ROOT", ROOT.toString()).replace("$DIR", dir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        List<String> stdoutTo = s.setup("stdout-to");
        if (stdoutTo.isEmpty()) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectOutput(dir.resolve(stdoutTo.get(0)).toFile());
        }
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("SHYPERC_BOARD_PATH"); // only what the case sets
        s.env().forEach((k, v) -> pb.environment().put(k, v.replace("$ROOT", ROOT.toString()).replace("$DIR", dir.toString())));
        Process proc = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(
                stdoutTo.isEmpty() ? proc.getInputStream() : proc.getErrorStream()));
        try (OutputStream in = proc.getOutputStream()) {
            String stdin = s.files().get(Script.STDIN);
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command did not read all of its input; its output says what it did
        }
        if (!proc.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            proc.descendants().forEach(ProcessHandle::destroyForcibly);
            proc.destroyForcibly().waitFor();
            throw new AssertionError(file.getFileName() + " did not finish in " + TIMEOUT_SECONDS + " s: " + cmd);
        }
        return new Run(proc.exitValue(), new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    /** What the set-up lines ask for, made in the scratch folder. */
    private static void setUp(Script s, Path dir) throws IOException, InterruptedException {
        for (String name : s.setup("fifo")) {
            Process p = new ProcessBuilder("mkfifo", dir.resolve(name).toString()).inheritIO().start();
            if (p.waitFor() != 0) throw new IOException("mkfifo " + name + " failed");
        }
        for (String link : s.setup("symlink")) {
            String[] parts = link.split("\\s*->\\s*", 2);
            Files.createSymbolicLink(dir.resolve(parts[0]), Path.of(parts[1].replace("$ROOT", ROOT.toString())));
        }
        for (String mode : s.setup("mode")) {
            String[] parts = mode.split("\\s+");
            int bits = Integer.parseInt(parts[1], 8);
            StringBuilder rwx = new StringBuilder();
            for (int shift = 6; shift >= 0; shift -= 3) {
                rwx.append((bits >> shift & 4) != 0 ? 'r' : '-').append((bits >> shift & 2) != 0 ? 'w' : '-')
                        .append((bits >> shift & 1) != 0 ? 'x' : '-');
            }
            Files.setPosixFilePermissions(dir.resolve(parts[0]), PosixFilePermissions.fromString(rwx.toString()));
        }
        for (String sparse : s.setup("sparse")) {
            String[] parts = sparse.split("\\s+");
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve(parts[0]).toFile(), "rw")) {
                f.setLength(Long.parseLong(parts[1]));
            }
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("[output lost: " + e + "]").getBytes(StandardCharsets.UTF_8);
        }
    }
}
