package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/** Per-board overrides: items here replace the base VM's items of the same kind on that board. */
public record OnBlock(Ident board, List<VmDecl> vms, List<SharedDecl> shared, List<ConsoleDecl> consoles, SourceSpan span)
        implements Node {
    public OnBlock {
        vms = List.copyOf(vms);
        shared = List.copyOf(shared);
        consoles = List.copyOf(consoles);
    }
}
