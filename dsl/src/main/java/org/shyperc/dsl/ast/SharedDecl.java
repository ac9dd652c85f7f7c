package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/**
 * {@code shared NAME size S (at pa P)? ATTR* { vm @ ipa rw|ro ... }}; pa may be null. The memory
 * attributes belong to the region: every VM maps it the same way.
 */
public record SharedDecl(Ident name, Value.IntLit size, Value.IntLit pa, List<MemAttr> attrs, List<Mapping> mappings,
                         SourceSpan span) implements Node {
    public SharedDecl {
        attrs = List.copyOf(attrs);
        mappings = List.copyOf(mappings);
    }

    public record Mapping(Ident vm, Value.IntLit ipa, boolean writable, SourceSpan span) implements Node { }
}
