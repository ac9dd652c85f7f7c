package org.shyperc.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A QEMU run that the test inspects while it runs: its console lines as they come, its QMP socket and its gdbstub
 * (both Unix sockets in {@code dir}). Closing it kills QEMU.
 */
final class QemuSession implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private QemuSession(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    String t = l.replace("\r", "");
                    if (Qemu.ECHO) {
                        System.out.println("qemu| " + t);
                    }
                    synchronized (lines) {
                        lines.add(t);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // QEMU went away
            }
            synchronized (lines) {
                lines.notifyAll();
            }
        });
        reader.start();
    }

    /** Starts {@code command} (a QEMU command line) with QMP and gdbstub sockets in {@code dir} and {@code extra}. */
    static QemuSession start(List<String> command, Path dir, List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("-qmp", "unix:" + qmpSocket(dir) + ",server=on,wait=off",
                "-chardev", "socket,id=gdb0,path=" + gdbSocket(dir) + ",server=on,wait=off", "-gdb", "chardev:gdb0"));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return new QemuSession(p, dir);
    }

    static Path qmpSocket(Path dir) {
        return dir.resolve("qmp.sock");
    }

    static Path gdbSocket(Path dir) {
        return dir.resolve("gdb.sock");
    }

    /** Waits until the console output satisfies {@code done}; false if QEMU exited or the time ran out first. */
    boolean await(Predicate<List<String>> done, int timeoutSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        synchronized (lines) {
            while (!done.test(lines)) {
                long left = end - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return done.test(lines);
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, TimeUnit.SECONDS.toNanos(1)))));
            }
            return true;
        }
    }

    /** Waits for QEMU to exit by itself. */
    boolean awaitExit(int timeoutSeconds) throws InterruptedException {
        return process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    String output() {
        return String.join("\n", lines());
    }

    Qmp qmp() throws IOException {
        return Qmp.connect(qmpSocket(dir), dir.resolve("pmem.bin"));
    }

    GdbRemote gdb() throws IOException {
        return GdbRemote.connect(gdbSocket(dir));
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        reader.join(5000);
        Files.deleteIfExists(qmpSocket(dir));
        Files.deleteIfExists(gdbSocket(dir));
    }
}
