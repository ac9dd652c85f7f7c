package org.shyperc.cli.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.BoardPath;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.ast.ShyFile;

/**
 * Runs the one front end (the same {@link Compiler} as `shyperc check`) on a document with
 * open buffers in place of files, and keeps the last analysis of each document until its
 * text changes.
 */
final class Analyzer {
    private final Documents documents;
    private volatile Compiler compiler;
    private final Map<Path, Analysis> cache = new ConcurrentHashMap<>();

    private final BoardPath boards;

    Analyzer(Path base, Documents documents) {
        this(base, documents, BoardPath.bundled());
    }

    /** {@code boards}: where `import board` looks (the server's `--board-path` and SHYPERC_BOARD_PATH). */
    Analyzer(Path base, Documents documents, BoardPath boards) {
        this.documents = documents;
        this.boards = boards;
        this.compiler = new Compiler(base, documents, Checks.ALL).withBoardPath(boards);
    }

    /** The analysis of the document as it is now, compiled again if anything it may read changed. */
    Analysis analysis(Path path) {
        long generation = documents.generation(); // read first: a change during compiling leaves it stale
        Analysis last = cache.get(path);
        if (last != null && last.generation() == generation) return last;
        Analysis fresh = compile(path, documents.text(path), generation);
        if (documents.isOpen(path)) cache.put(path, fresh);
        return fresh;
    }

    void forget(Path path) { cache.remove(path); }

    /** Messages name files relative to {@code base}: the workspace folder once the client says which. */
    void base(Path base) {
        compiler = new Compiler(base, documents, Checks.ALL).withBoardPath(boards);
        cache.clear();
    }

    private Analysis compile(Path path, String text, long generation) {
        Compilation c = compiler.compile(List.of(path));
        ShyFile root = null;
        for (ShyFile f : c.files()) if (path.equals(f.source().path())) root = f;
        // The text the compiler read, not the one read before it: an edit between the two would give
        // requests offsets into one text and words from the other (DocumentEditsFuzzTest finding).
        String read = root != null ? root.source().text() : text == null ? "" : text;
        return new Analysis(generation, read, root, c, SymbolIndex.of(c.files(), boards));
    }
}
