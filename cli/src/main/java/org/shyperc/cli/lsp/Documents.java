package org.shyperc.cli.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * The editor's open buffers by absolute path. As a {@link Loader.Sources} it serves a buffer
 * where one is open and the disk otherwise, so the compiler sees what the user sees.
 *
 * <p>Every change is stamped: each file has the stamp of its last change (opened, edited,
 * closed, changed on disk), from one counter, keyed by the file's real path. An analysis keeps
 * the stamps of the files it read, and is current while they are unchanged.
 */
final class Documents implements Loader.Sources {
    /**
     * An open buffer: its text and the client's version of it (null when the client gave none),
     * and, while an analysis of an older text answers requests, the edit since that text with
     * the line table it gives this one ({@link Shift}), made once for the buffer (a new text is
     * a new buffer), not once a request.
     */
    static final class Buffer {
        private final String text;
        private final Integer version;
        private Shift shift;

        Buffer(String text, Integer version) {
            this.text = text;
            this.version = version;
        }

        String text() { return text; }

        Integer version() { return version; }

        /** The edit from {@code then} (an analysis's source) to this text: the last one asked for is kept. */
        synchronized Shift since(SourceFile then) {
            if (shift == null || shift.then() != then) shift = Shift.between(then, text);
            return shift;
        }
    }

    private final Map<Path, Buffer> open = new ConcurrentHashMap<>();
    /** Open buffers by the real path of their file, so an import through a symlink still sees the buffer. */
    private final Map<Path, Path> byIdentity = new ConcurrentHashMap<>();
    private final Map<Path, Long> stamps = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    /** The stamp of the last change that may concern any file (one on disk the client could not name). */
    private volatile long everything;

    void put(Path path, String text) { put(path, text, null); }

    void put(Path path, String text, Integer version) {
        Path id = Loader.identity(path);
        open.put(path, new Buffer(text, version));
        byIdentity.put(id, path);
        stamps.put(id, counter.incrementAndGet());
    }

    void remove(Path path) {
        open.remove(path);
        byIdentity.values().remove(path);
        stamps.put(Loader.identity(path), counter.incrementAndGet());
    }

    /** {@code path} changed on disk. */
    void touch(Path path) { stamps.put(Loader.identity(path), counter.incrementAndGet()); }

    /** Files changed on disk, which ones unknown: every analysis made before now is stale. */
    void touch() { everything = counter.incrementAndGet(); }

    /** The stamp of the last change of the file whose real path is {@code identity} (0: none seen). */
    long stamp(Path identity) { return stamps.getOrDefault(identity, 0L); }

    long everything() { return everything; }

    String text(Path path) {
        Buffer b = open.get(path);
        return b == null ? null : b.text();
    }

    Buffer buffer(Path path) { return open.get(path); }

    boolean isOpen(Path path) { return open.containsKey(path); }

    /** The open buffers' paths. */
    java.util.Set<Path> paths() { return open.keySet(); }

    @Override
    public Result<SourceFile> load(Path absolute, String displayPath, SourceSpan from) {
        Buffer b = bufferFor(absolute);
        if (b == null) return SourceLoader.load(absolute, displayPath, from);
        return new Result<>(new SourceFile(displayPath, absolute, b.text()), List.of());
    }

    /** The buffer open for {@code absolute}, under that path or another way to the same file. */
    Buffer bufferFor(Path absolute) {
        Buffer b = open.get(absolute);
        if (b == null && !byIdentity.isEmpty()) {
            Path same = byIdentity.get(Loader.identity(absolute));
            if (same != null) b = open.get(same);
        }
        return b;
    }
}
