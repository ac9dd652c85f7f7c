package org.shyperc.cli.lsp;

import org.shyperc.compiler.Compilation;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.source.SourceFile;

/** One run of the compiler for one open document (at a generation of the open buffers), with the name index over what it read. */
record Analysis(long generation, String text, ShyFile root, Compilation compilation, SymbolIndex index) {

    SourceFile source() { return root.source(); }
}
