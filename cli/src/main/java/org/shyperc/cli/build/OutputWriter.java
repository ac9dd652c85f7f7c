package org.shyperc.cli.build;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shyperc.codegen.output.OutputTree;

/**
 * Writes output trees all or nothing: everything goes to a staging folder first; only when
 * every file is written are the finished folders renamed into place. A failure on the way
 * leaves the previous outputs untouched.
 */
public final class OutputWriter {
    private OutputWriter() { }

    /** {@code trees}: folder relative to {@code outDir} (e.g. "demo/qemu-virt") to its files. */
    public static void writeAll(Path outDir, Map<String, OutputTree> trees) throws IOException {
        Files.createDirectories(outDir);
        Path staging = Files.createTempDirectory(outDir, ".staging-");
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
