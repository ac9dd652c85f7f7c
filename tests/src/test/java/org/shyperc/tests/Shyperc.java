package org.shyperc.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real shyperc jar as a user would, with a bounded time. */
final class Shyperc {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    record Run(int exit, String output) { }

    static Run run(Path dir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return run(dir, java.util.Map.of(), timeoutSeconds, args);
    }

    /** As {@link #run(Path, long, String...)} with extra environment variables. */
    static Run run(Path dir, java.util.Map<String, String> env, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", CliScriptTest.JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("NO_COLOR", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        Thread pump = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("\n[output lost: ").append(e).append(']');
            }
        });
        pump.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            pump.join(2000);
            throw new AssertionError("shyperc " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s:\n" + out);
        }
        pump.join(5000);
        return new Run(p.exitValue(), out.toString());
    }
}
