package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

public record BoardDecl(Ident name, List<BoardItem> items, SourceSpan span) implements Node {
    public BoardDecl { items = List.copyOf(items); }
}
