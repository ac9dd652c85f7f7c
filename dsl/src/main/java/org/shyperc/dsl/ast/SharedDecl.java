package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/** {@code shared NAME size S (at pa P)? { vm @ ipa rw|ro ... }}; pa may be null. */
public record SharedDecl(Ident name, Value.IntLit size, Value.IntLit pa, List<Mapping> mappings, SourceSpan span)
        implements Node {
    public SharedDecl { mappings = List.copyOf(mappings); }

    public record Mapping(Ident vm, Value.IntLit ipa, boolean writable, SourceSpan span) implements Node { }
}
