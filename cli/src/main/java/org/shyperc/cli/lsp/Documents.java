package org.shyperc.cli.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * The editor's open buffers by absolute path. As a {@link Loader.Sources} it serves a buffer
 * where one is open and the disk otherwise, so the compiler sees what the user sees.
 */
final class Documents implements Loader.Sources {
    private final Map<Path, String> open = new ConcurrentHashMap<>();
    /** Open buffers by the real path of their file, so an import through a symlink still sees the buffer. */
    private final Map<Path, Path> byIdentity = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    void put(Path path, String text) {
        open.put(path, text);
        byIdentity.put(Loader.identity(path), path);
        generation.incrementAndGet();
    }

    void remove(Path path) {
        open.remove(path);
        byIdentity.values().remove(path);
        generation.incrementAndGet();
    }

    /** Files changed on disk: analyses made before now are stale. */
    void touch() { generation.incrementAndGet(); }

    /** Grows with every change to any buffer or file: an analysis is current only for its generation. */
    long generation() { return generation.get(); }

    String text(Path path) { return open.get(path); }

    boolean isOpen(Path path) { return open.containsKey(path); }

    @Override
    public Result<SourceFile> load(Path absolute, String displayPath, SourceSpan from) {
        String text = open.get(absolute);
        if (text == null && !byIdentity.isEmpty()) {
            Path same = byIdentity.get(Loader.identity(absolute));
            if (same != null) text = open.get(same);
        }
        if (text == null) return SourceLoader.load(absolute, displayPath, from);
        return new Result<>(new SourceFile(displayPath, absolute, text), List.of());
    }
}
