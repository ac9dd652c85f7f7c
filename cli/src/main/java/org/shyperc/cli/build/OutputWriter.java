package org.shyperc.cli.build;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shyperc.codegen.output.OutputTree;

/**
 * Writes output trees all or nothing: everything goes to a staging folder first; only when
 * every file is written are the finished folders renamed into place. A failure on the way
 * leaves the previous outputs untouched, and a build killed on the way leaves a staging folder
 * that the next build into the same folder removes.
 */
public final class OutputWriter {
    private OutputWriter() { }

    /** {@code trees}: folder relative to {@code outDir} (e.g. "demo/qemu-virt") to its files. */
    public static void writeAll(Path outDir, Map<String, OutputTree> trees) throws IOException {
        writeAll(outDir, trees, List.of());
    }

    /**
     * As {@link #writeAll(Path, Map)}, refusing before anything is written when a folder it would replace holds one of
     * {@code inputs} (the files the build read): `-o ../..` from inside `s/qemu-virt/` replaced the very folder of the
     * system file, and a kernel kept in the last build's folder went with that folder.
     */
    public static void writeAll(Path outDir, Map<String, OutputTree> trees, List<Path> inputs) throws IOException {
        for (String key : trees.keySet()) {
            Path target = outDir.resolve(key);
            if (!Files.isDirectory(target)) continue;
            Path folder = target.toRealPath();
            for (Path in : inputs) {
                if (org.shyperc.compiler.bind.Loader.identity(in.toAbsolutePath()).startsWith(folder)) {
                    throw new IOException("`" + target + "` holds `" + in + "`, which this build reads, and a build replaces "
                            + "that folder whole: build into another folder (-o), or move the file out of it");
                }
            }
        }
        Files.createDirectories(outDir);
        removeStale(outDir);
        Path staging = createStaging(outDir);
        try {
            Map<String, Path> staged = new LinkedHashMap<>();
            int n = 0;
            for (Map.Entry<String, OutputTree> e : trees.entrySet()) {
                Path dir = staging.resolve("t" + n++);
                for (Map.Entry<String, byte[]> f : e.getValue().files().entrySet()) {
                    Path p = dir.resolve(f.getKey());
                    Files.createDirectories(p.getParent());
                    Files.write(p, f.getValue());
                }
                Files.createDirectories(dir);
                staged.put(e.getKey(), dir);
            }
            for (Map.Entry<String, Path> e : staged.entrySet()) {
                Path target = outDir.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Path old = null;
                if (Files.exists(target)) {
                    old = staging.resolve("old-" + target.getFileName());
                    move(target, old);
                }
                move(e.getValue(), target);
                if (old != null) deleteTree(old);
            }
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * A staging folder named for this process: `.staging-PID-START-RANDOM`, START being when the
     * process started (ms since the epoch, 0 if unknown), so a later build can tell a folder left
     * by a killed build from one a running build still fills.
     */
    static Path createStaging(Path outDir) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        String prefix = STAGING + self.pid() + "-" + startMillis(self) + "-";
        for (int attempt = 0; ; attempt++) {
            Path p = outDir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }

    static final String STAGING = ".staging-";
    private static final Pattern OURS = Pattern.compile("\\.staging-(\\d+)-(\\d+)-[0-9a-z]+");
    /** Names earlier shyperc versions used (Files.createTempDirectory): no process to ask, so only age tells. */
    private static final Pattern EARLIER = Pattern.compile("\\.staging-\\d+");
    private static final Duration EARLIER_STALE = Duration.ofDays(1);

    /**
     * Removes staging folders that builds killed on the way (SIGKILL, power loss) left behind: ours
     * whose process is gone (or whose PID now belongs to a process started at another time), and
     * ones of the earlier naming not touched for a day. Best effort: a folder that cannot be
     * removed now is tried again next time, and never fails this build.
     */
    static void removeStale(Path outDir) {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(outDir, STAGING + "*")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                Matcher m = OURS.matcher(name);
                if (m.matches() ? !inUse(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))
                        : EARLIER.matcher(name).matches() && olderThan(p, EARLIER_STALE)) {
                    stale.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (Path p : stale) {
            try {
                deleteTree(p);
            } catch (IOException e) {
                // another build may be removing it too; next time
            }
        }
    }

    /** Whether process {@code pid}, started at {@code start} (0: unknown), is still running. */
    static boolean inUse(long pid, long start) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) return false;
        long now = startMillis(h.get());
        return start == 0 || now == 0 || now == start;
    }

    private static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static boolean olderThan(Path p, Duration age) {
        try {
            return Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
