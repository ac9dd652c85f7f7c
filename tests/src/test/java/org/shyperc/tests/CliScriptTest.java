package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CLI behaviour, one file per case under tests/cli/ (in the spirit of txtar scripts): the
 * commands, the expected exit status and output, and the input files inline (Script). The real jar
 * runs in a scratch folder. `SHY_UPDATE=1` rewrites the expected output.
 */
class CliScriptTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

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
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = 0;
        for (int i = 0; i < s.commands().size(); i++) {
            List<String> cmd = new ArrayList<>(List.of("java", "-jar", ROOT.resolve("cli/target/shyperc.jar").toString()));
            for (String a : s.commands().get(i)) cmd.add(a.replace("$ROOT", ROOT.toString()).replace("$DIR", dir.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("NO_COLOR", "1");
            pb.environment().remove("SHYPERC_BOARD_PATH"); // only what the case sets
            s.env().forEach((k, v) -> pb.environment().put(k, v.replace("$ROOT", ROOT.toString()).replace("$DIR", dir.toString())));
            Process proc = pb.start();
            proc.getOutputStream().close();
            out.write(proc.getInputStream().readAllBytes());
            if (!proc.waitFor(60, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            exit = proc.exitValue();
            if (i < s.commands().size() - 1 && exit != 0) {
                throw new AssertionError(file.getFileName() + ": `" + String.join(" ", s.commands().get(i)) + "` exited with "
                        + exit + ":\n" + out.toString(StandardCharsets.UTF_8));
            }
        }
        String actual = out.toString(StandardCharsets.UTF_8).replace(dir.toString(), "$DIR").replace(ROOT.toString(), "$ROOT");
        if ("1".equals(System.getenv("SHY_UPDATE"))) {
            Files.writeString(file, s.withResult(exit, actual));
            return;
        }
        assertEquals(s.stdout(), actual, "output of " + file.getFileName());
        assertEquals(s.exit(), exit, "exit status of " + file.getFileName());
    }
}
