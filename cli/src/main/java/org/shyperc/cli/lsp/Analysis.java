package org.shyperc.cli.lsp;

import org.shyperc.compiler.Compilation;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.source.SourceFile;

/** One run of the compiler for one open document, with the name index over what it read. */
record Analysis(String text, ShyFile root, Compilation compilation, SymbolIndex index) {

    SourceFile source() { return root.source(); }
}
