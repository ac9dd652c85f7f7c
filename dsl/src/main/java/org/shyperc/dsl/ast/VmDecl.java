package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/** {@code vm NAME : KIND MODIFIER* { ... }}; kind is null in an override block. */
public record VmDecl(Ident name, Ident kind, List<Ident> modifiers, List<VmItem> items, SourceSpan span)
        implements Node {
    public VmDecl {
        modifiers = List.copyOf(modifiers);
        items = List.copyOf(items);
    }
}
