package org.shyperc.dsl.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a named input file without trusting it: only a regular file is opened (a FIFO blocks
 * until someone writes, /dev/zero never ends), and the read stops at the limit plus one byte
 * whatever size the file claims (files in /proc claim 0; a file may grow while it is read).
 */
public final class InputFiles {
    private InputFiles() { }

    /** Why a file gave no bytes. */
    public enum Refusal { MISSING, DIRECTORY, NOT_REGULAR, TOO_BIG, UNREADABLE }

    /**
     * The bytes, or why there are none: {@code problem} is a whole sentence naming the file,
     * {@code hint} a suggestion or null.
     */
    public record Read(byte[] bytes, Refusal refusal, String problem, String hint) {
        public boolean ok() {
            return bytes != null;
        }

        static Read refused(Refusal r, String problem, String hint) {
            return new Read(null, r, problem, hint);
        }
    }

    /**
     * Reads {@code path} (links followed) if it is a regular file of at most {@code limit} bytes.
     *
     * @param displayPath how messages name the file
     * @param what        what the file should be, for messages: "a .shy file", "a device-tree blob"
     */
    public static Read read(Path path, String displayPath, long limit, String what) {
        String name = "`" + displayPath + "`";
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            if (a.isDirectory()) {
                return Read.refused(Refusal.DIRECTORY, name + " is a directory, not " + what + ".",
                        "Give the path of a file inside it.");
            }
            if (!a.isRegularFile()) {
                return Read.refused(Refusal.NOT_REGULAR, name + " is " + kind(path) + ", not a regular file.",
                        "shyperc reads its inputs only from regular files: reading a pipe or a device may block or never end.");
            }
            if (a.size() > limit) return tooBig(name, Long.toString(a.size()), limit, what);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            }
            if (bytes.length > limit) return tooBig(name, "more than " + limit, limit, what);
            return new Read(bytes, null, null, null);
        } catch (NoSuchFileException e) {
            return Read.refused(Refusal.MISSING, "The file " + name + " does not exist.", missingHint(path, displayPath, displayPath, ""));
        } catch (IOException e) {
            return Read.refused(Refusal.UNREADABLE, name + " cannot be read: " + IoReasons.of(e) + ".", null);
        } catch (SecurityException e) {
            return Read.refused(Refusal.UNREADABLE, name + " cannot be read: permission denied.", null);
        }
    }

    /**
     * The hint for a file that is not there, or null: the file beside it (whose name ends in {@code suffix}: an
     * import reads only `.shy` files) whose name is within two edits of its name (`sytem.shy`: "Did you mean `system.shy`?"), or the first folder of its path that is not
     * there, with the folder beside that within two edits (`bords/x.shy`: "`.` has no folder `bords`. Did you mean
     * `boards`?"). {@code written} is the path as the user wrote it (an import's own text), so the name offered can be
     * typed in its place; {@code displayPath}, how messages name the file, names the folder that is there (as its
     * leading part, when it has no `.` or `..` in it).
     */
    public static String missingHint(Path path, String displayPath, String written, String suffix) {
        try {
            Path abs = path.toAbsolutePath().normalize();
            Path folder = abs.getParent();
            if (folder == null || abs.getFileName() == null) return null;
            if (Files.isDirectory(folder)) {
                String near = FolderNames.files(folder, suffix).closest(abs.getFileName().toString()).orElse(null);
                return near == null ? null : "Did you mean `" + replaceLast(written, near) + "`?";
            }
            // walk up to the first folder that is there: its child on the way is the one missing
            Path missing = folder;
            while (missing.getParent() != null && !Files.isDirectory(missing.getParent())) missing = missing.getParent();
            Path there = missing.getParent();
            if (there == null || missing.getFileName() == null) return null;
            String absent = missing.getFileName().toString();
            String near = FolderNames.folders(there).closest(absent).orElse(null);
            return "`" + shownFolder(there, abs, displayPath) + "` has no folder `" + absent + "`."
                    + (near == null ? "" : " Did you mean `" + near + "`?");
        } catch (RuntimeException e) { // an invalid path, an unreadable folder: the message stands alone
            return null;
        }
    }

    /** {@code path} with its last name replaced by {@code name}, keeping the separators as written. */
    private static String replaceLast(String path, String name) {
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf(java.io.File.separatorChar));
        return path.substring(0, cut + 1) + name;
    }

    /** {@code there} (an ancestor of {@code abs}) as {@code displayPath} names it (its leading part), else absolute. */
    private static String shownFolder(Path there, Path abs, String displayPath) {
        Path shown = Path.of(displayPath);
        if (shown.isAbsolute() || !shown.normalize().equals(shown)) return there.toString();
        int keep = shown.getNameCount() - (abs.getNameCount() - there.getNameCount());
        return keep <= 0 ? "." : shown.subpath(0, keep).toString();
    }

    /** Standard input, at most {@code limit} bytes; {@code displayPath} is how messages name it. */
    public static Read readStdin(InputStream in, String displayPath, long limit, String what) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) return tooBig("`" + displayPath + "`", "more than " + limit, limit, what);
            return new Read(bytes, null, null, null);
        } catch (IOException e) {
            return Read.refused(Refusal.UNREADABLE, "`" + displayPath + "` cannot be read: " + IoReasons.of(e) + ".", null);
        }
    }

    private static Read tooBig(String name, String size, long limit, String what) {
        return Read.refused(Refusal.TOO_BIG, name + " is " + size + " bytes; the limit for " + what + " is " + limit
                + " bytes" + human(limit) + ".", null);
    }

    /** " (64 MiB)" for a round size, else nothing. */
    private static String human(long bytes) {
        return bytes >= 1L << 20 && bytes % (1L << 20) == 0 ? " (" + (bytes >> 20) + " MiB)"
                : bytes >= 1024 && bytes % 1024 == 0 ? " (" + (bytes >> 10) + " KiB)" : "";
    }

    /** What a file that is not regular is, from its POSIX mode where the platform tells it. */
    private static String kind(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            switch (mode & 0170000) {
                case 0010000: return "a FIFO (named pipe)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: return "a special file";
            }
        } catch (IOException | RuntimeException e) {
            return "a special file";
        }
    }
}
