package org.shyperc.codegen.emit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real external tool (dtc, mkimage, qemu) for tests. A missing tool fails the
 * test with how to install it: CI installs them, and a skipped check proves nothing.
 */
public final class Tool {

    public record Run(int exitCode, String stdout, String stderr) { }

    private Tool() { }

    public static String require(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        fail(name + " is not on PATH; install it with `apt-get install " + debianPackage + "`");
        return null;
    }

    public static Run run(Path workDir, long timeoutSeconds, String... command) {
        return run(workDir, java.util.Map.of(), timeoutSeconds, command);
    }

    public static Run run(Path workDir, java.util.Map<String, String> env, long timeoutSeconds, String... command) {
        try {
            List<String> cmd = new ArrayList<>(Arrays.asList(command));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
            pb.environment().putAll(env);
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Run(-1, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8) + "\n[killed after " + timeoutSeconds + " s]");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command[0], e);
        }
    }
}
