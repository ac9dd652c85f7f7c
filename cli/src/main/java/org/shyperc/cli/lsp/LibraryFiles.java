package org.shyperc.cli.lsp;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * URIs an editor can open for every file the compiler read. A board of an installed shyperc is
 * read from inside its jar, which editors cannot open: it is copied, once per content, into
 * the user's cache ({@code $XDG_CACHE_HOME/shyperc/boards/<hash>/NAME.shy}, read-only) and the
 * copy is what go-to-definition, links and locations name. Files on disk are named as they are.
 */
final class LibraryFiles {
    private LibraryFiles() { }

    static String uri(Path path) {
        return onDisk(path).toUri().toString();
    }

    /** The path itself when it is on disk; else a read-only copy in the cache (the path itself if that fails). */
    static Path onDisk(Path path) {
        return path.getFileSystem() == FileSystems.getDefault() ? path : onDisk(path, cache());
    }

    static Path onDisk(Path path, Path cache) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
            Path copy = cache.resolve(hash).resolve(path.getFileName().toString());
            if (Files.isRegularFile(copy)) return copy;
            Files.createDirectories(copy.getParent());
            Path tmp = Files.createTempFile(copy.getParent(), ".board", ".tmp");
            Files.write(tmp, bytes);
            tmp.toFile().setReadOnly(); // a copy: edits would change nothing the compiler reads
            try {
                Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException raced) {
                Files.deleteIfExists(tmp); // another server wrote the same content first
            }
            return copy;
        } catch (IOException | NoSuchAlgorithmException | SecurityException e) {
            return path;
        }
    }

    private static Path cache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("shyperc").resolve("boards");
    }
}
