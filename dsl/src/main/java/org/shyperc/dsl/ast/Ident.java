package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * A name as written, with where it is (for go-to-definition and rename): its offsets, held like a
 * literal's ({@link Node}).
 */
public record Ident(String text, SourceFile file, int start, int end) implements Node {
    public Ident {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }

    public Ident(String text, SourceSpan span) {
        this(text, span.file(), span.start(), span.end());
    }

    @Override
    public SourceSpan span() { return new SourceSpan(file, start, end); }

    @Override
    public String toString() { return text; }
}
