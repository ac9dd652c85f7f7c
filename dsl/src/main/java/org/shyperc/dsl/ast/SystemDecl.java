package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/** {@code system NAME for BOARD, ... { vm ...; shared ...; console to VM; on BOARD { ... } }}. */
public record SystemDecl(Ident name, List<Ident> boards, List<VmDecl> vms, List<SharedDecl> shared,
                         List<ConsoleDecl> consoles, List<OnBlock> overrides, SourceSpan span) implements Node {
    public SystemDecl {
        boards = List.copyOf(boards);
        vms = List.copyOf(vms);
        shared = List.copyOf(shared);
        consoles = List.copyOf(consoles);
        overrides = List.copyOf(overrides);
    }
}
