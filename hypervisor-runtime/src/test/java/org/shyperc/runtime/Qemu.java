package org.shyperc.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Boots an image under qemu-system-aarch64 (QEMU virt, GICv2, 4 x A57) with a hard timeout. */
final class Qemu {
    private Qemu() { }

    record Result(int exitCode, boolean timedOut, String output, long millis) {
        List<String> lines() { return output.lines().toList(); }
    }

    static List<String> command(Path elf) {
        List<String> cmd = new ArrayList<>(List.of("qemu-system-aarch64", "-machine", "virt,virtualization=on,gic-version=2",
                "-cpu", "cortex-a57", "-smp", "4", "-m", "2G", "-nographic", "-no-reboot", "-semihosting",
                "-monitor", "none", "-serial", "stdio", "-display", "none", "-kernel", elf.toString()));
        return cmd;
    }

    static Result run(Path elf, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = command(elf);
        cmd.remove("-nographic");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        long t0 = System.nanoTime();
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // process ended
            }
        });
        reader.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(5000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8).replace("\r", "");
        }
        return new Result(done ? p.exitValue() : -1, !done, text, ms);
    }
}
