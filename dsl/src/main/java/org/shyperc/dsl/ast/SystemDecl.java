package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/** {@code system NAME for BOARD, ... { vm ...; shared ...; on BOARD { ... } }}. */
public record SystemDecl(Ident name, List<Ident> boards, List<VmDecl> vms, List<SharedDecl> shared,
                         List<OnBlock> overrides, SourceSpan span) implements Node {
    public SystemDecl {
        boards = List.copyOf(boards);
        vms = List.copyOf(vms);
        shared = List.copyOf(shared);
        overrides = List.copyOf(overrides);
    }
}
