package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceSpan;

/** A name as written, with its span (for go-to-definition and rename). */
public record Ident(String text, SourceSpan span) implements Node {
    @Override
    public String toString() { return text; }
}
