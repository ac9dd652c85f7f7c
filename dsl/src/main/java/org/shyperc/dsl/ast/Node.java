package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceSpan;

/** Every AST node knows where it came from. */
public interface Node {
    SourceSpan span();
}
