package org.shyperc.cli.lsp;

import java.nio.file.Path;
import java.util.Map;
import org.shyperc.compiler.Compilation;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.source.SourceFile;

/**
 * One run of the compiler for one document, with the name index over what it read.
 * {@code reads}: the stamp (see {@link Documents}) of every file the run asked for, by real
 * path, found or not; {@code everything}: the stamp of the last unnamed change at the start;
 * {@code version}: the client's version of the document's text it read; {@code nanos}: how
 * long it took.
 */
record Analysis(String text, ShyFile root, Compilation compilation, SymbolIndex index,
                Map<Path, Long> reads, long everything, Integer version, long nanos) {

    SourceFile source() { return root.source(); }
}
