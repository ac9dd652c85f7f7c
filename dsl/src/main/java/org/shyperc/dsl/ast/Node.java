package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceSpan;

/**
 * Every AST node knows where it came from. Names and literals, most of a big file's nodes, hold their
 * file and offsets themselves and make the span when asked: a span object each would be a million more
 * objects for the collector to copy in a file of 100k elements (docs/decisions.md, "Memory"). Spans
 * are values, so one made twice is still equal to itself.
 */
public interface Node {
    SourceSpan span();
}
