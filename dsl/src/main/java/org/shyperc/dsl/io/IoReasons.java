package org.shyperc.dsl.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that turns an I/O failure into a reason in words ("no space left on device",
 * "`out` is a file, not a folder"): NIO's messages are often only the path, or the C library's
 * capitalised text. Callers say what they were doing; this says why it failed.
 */
public final class IoReasons {
    private IoReasons() { }

    /** What the operating system's error texts (strerror) mean, for the ones users meet. */
    private static final Map<String, String> OS = Map.ofEntries(
            Map.entry("no space left on device", "no space left on device"),
            Map.entry("disk quota exceeded", "the disk quota is exceeded"),
            Map.entry("read-only file system", "read-only file system"),
            Map.entry("permission denied", "permission denied"),
            Map.entry("operation not permitted", "permission denied"),
            Map.entry("file too large", "the file is larger than this process may write"),
            Map.entry("no such file or directory", "no such file or folder"),
            Map.entry("input/output error", "input/output error on the device"),
            Map.entry("too many levels of symbolic links", "too many levels of symbolic links (a link loop?)"),
            Map.entry("file name too long", "the file name is too long"),
            Map.entry("text file busy", "the file is busy"),
            Map.entry("broken pipe", "the reader went away (broken pipe)"));

    /** The reason for {@code e} as a phrase without a final full stop, e.g. "no space left on device". */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException n) return named(n.getFile(), "no such file or folder: `%s`", "no such file or folder");
        if (e instanceof NotDirectoryException n) return notAFolder(n.getFile());
        if (e instanceof DirectoryNotEmptyException n) return named(n.getFile(), "`%s` is a folder that is not empty", "the folder is not empty");
        if (e instanceof FileAlreadyExistsException f) {
            // createDirectories says this when a path component is a file
            Path p = path(f.getFile());
            if (p != null && Files.exists(p) && !Files.isDirectory(p)) return named(f.getFile(), "`%s` is a file, not a folder", "");
            return named(f.getFile(), "`%s` already exists", "it already exists");
        }
        if (e instanceof FileSystemException f && f.getReason() != null) return reason(f.getReason(), f.getFile());
        if (e.getMessage() != null) return reason(e.getMessage(), null);
        return e.getClass().getSimpleName();
    }

    private static String reason(String text, String file) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        if (key.equals("not a directory")) return notAFolder(file);
        if (key.equals("is a directory")) return named(file, "`%s` is a folder", "it is a folder");
        String known = OS.get(key);
        if (known != null) return known;
        return key.isEmpty() ? "unknown error" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** ENOTDIR names the path being opened; the culprit is the first component on the way that is a file. */
    private static String notAFolder(String file) {
        Path p = path(file);
        if (p == null) return "a part of the path is a file, not a folder";
        Path abs = p.toAbsolutePath();
        Path at = abs.getRoot();
        for (Path part : abs) {
            at = at == null ? part : at.resolve(part);
            if (Files.exists(at) && !Files.isDirectory(at)) return "`" + display(at) + "` is a file, not a folder";
        }
        return "a part of `" + display(abs) + "` is a file, not a folder";
    }

    private static String named(String file, String withName, String withoutName) {
        Path p = path(file);
        return p == null ? withoutName : String.format(withName, display(p));
    }

    private static Path path(String file) {
        if (file == null) return null;
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A path as the user would write it: relative to the working directory when inside it. */
    public static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        if (abs.startsWith(cwd) && !abs.equals(cwd)) return cwd.relativize(abs).toString().replace('\\', '/');
        return abs.toString().replace('\\', '/');
    }
}
