package org.shyperc.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes one whole file or leaves the old one: the bytes go to a temporary file beside the
 * target, which is then renamed over it. What the user set up stays as it was:
 * <ul>
 * <li>a symbolic link stays a link; the file it points to is replaced;</li>
 * <li>a replaced file keeps its permissions; a new file gets the ones the umask gives
 *     (the temporary file is created without explicit permissions, unlike
 *     {@link Files#createTempFile}, which makes it 0600);</li>
 * <li>a target that is not a regular file (a device such as /dev/stdout, a FIFO) is written
 *     to directly, never replaced.</li>
 * </ul>
 * Every failure is an {@link IOException}; {@link org.shyperc.dsl.io.IoReasons} says it in words.
 */
public final class AtomicFile {
    private AtomicFile() { }

    public static void write(Path file, byte[] bytes) throws IOException {
        Path target = followLinks(file.toAbsolutePath());
        if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
            // /dev/stdout, a FIFO, a terminal: there is nothing to replace, only something to write to
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            return;
        }
        if (Files.isDirectory(target)) throw new java.nio.file.FileSystemException(target.toString(), null, "Is a directory");
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Set<PosixFilePermission> keep = Files.isRegularFile(target) ? permissions(target) : null;
        Path tmp = createTemp(dir, target.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(bytes);
            }
            if (keep != null) Files.setPosixFilePermissions(tmp, keep);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file a chain of links ends at (which need not exist yet); the path itself if it is no link. */
    static Path followLinks(Path p) throws IOException {
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            Path to = Files.readSymbolicLink(p);
            p = (p.getParent() == null ? to : p.getParent().resolve(to)).normalize();
        }
        if (Files.isSymbolicLink(p)) throw new java.nio.file.FileSystemException(p.toString(), null, "Too many levels of symbolic links");
        return p;
    }

    private static Set<PosixFilePermission> permissions(Path p) throws IOException {
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null) return null;
        return Files.getPosixFilePermissions(p);
    }

    /** A new empty file in {@code dir}, with the permissions the umask gives (0666 minus the umask). */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + (name.length() > 100 ? name.substring(0, 100) : name) + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }
}
