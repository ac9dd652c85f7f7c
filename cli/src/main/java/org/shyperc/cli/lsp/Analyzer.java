package org.shyperc.cli.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.ast.ShyFile;

/**
 * Runs the one front end (the same {@link Compiler} as `shyperc check`) on a document with
 * open buffers in place of files, and keeps the last analysis of each document until its
 * text changes.
 */
final class Analyzer {
    private final Documents documents;
    private final Compiler compiler;
    private final Map<Path, Analysis> cache = new ConcurrentHashMap<>();

    Analyzer(Path base, Documents documents) {
        this.documents = documents;
        this.compiler = new Compiler(base, documents, Checks.ALL);
    }

    /** The analysis of the document's current text, compiling it if it changed since the last. */
    Analysis analysis(Path path) {
        String text = documents.text(path);
        Analysis last = cache.get(path);
        if (last != null && text != null && last.text().equals(text)) return last;
        Analysis fresh = compile(path, text);
        if (text != null) cache.put(path, fresh);
        return fresh;
    }

    void forget(Path path) { cache.remove(path); }

    private Analysis compile(Path path, String text) {
        Compilation c = compiler.compile(List.of(path));
        ShyFile root = null;
        for (ShyFile f : c.files()) if (path.equals(f.source().path())) root = f;
        return new Analysis(text == null ? "" : text, root, c, SymbolIndex.of(c.files()));
    }
}
