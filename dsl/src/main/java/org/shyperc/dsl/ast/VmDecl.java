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

    /** A header without its name (`vm : baremetal {`, a syntax error): the parser named the VM by its kind word. */
    public boolean unnamed() {
        return kind != null && name.equals(kind);
    }
}
