package org.shyperc.cli.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.SymbolInformation;
import org.shyperc.dsl.ast.BoardDecl;
import org.shyperc.dsl.ast.BoardItem;
import org.shyperc.dsl.ast.Ident;
import org.shyperc.dsl.ast.Node;
import org.shyperc.dsl.ast.OnBlock;
import org.shyperc.dsl.ast.SharedDecl;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.ast.VmDecl;

/** The document outline: boards with their devices and memories, systems with VMs, shared regions and overrides. */
final class Outline {
    private Outline() { }

    static List<Either<SymbolInformation, DocumentSymbol>> of(ShyFile file) {
        List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
        if (file == null) return out;
        for (BoardDecl b : file.boards()) {
            List<DocumentSymbol> children = new ArrayList<>();
            for (BoardItem item : b.items()) {
                if (item instanceof BoardItem.Device d) children.add(symbol(d.name(), d, SymbolKind.Module, d.compatible().value(), null));
                if (item instanceof BoardItem.Memory m) children.add(symbol(m.name(), m, SymbolKind.Array, "DRAM", null));
                if (item instanceof BoardItem.Gic g) children.add(symbol(new Ident("gic", g.span()), g, SymbolKind.Object, g.version().text(), null));
                if (item instanceof BoardItem.Hypervisor h) children.add(symbol(new Ident("hypervisor", h.span()), h, SymbolKind.Object, null, null));
            }
            out.add(Either.forRight(symbol(b.name(), b, SymbolKind.Class, "board", children)));
        }
        for (SystemDecl s : file.systems()) {
            List<DocumentSymbol> children = new ArrayList<>();
            s.vms().forEach(vm -> children.add(vm(vm)));
            s.shared().forEach(sh -> children.add(shared(sh)));
            for (OnBlock on : s.overrides()) {
                List<DocumentSymbol> inner = new ArrayList<>();
                on.vms().forEach(vm -> inner.add(vm(vm)));
                on.shared().forEach(sh -> inner.add(shared(sh)));
                children.add(symbol(new Ident("on " + on.board().text(), on.board().span()), on, SymbolKind.Namespace, "overrides", inner));
            }
            out.add(Either.forRight(symbol(s.name(), s, SymbolKind.Namespace, "system for "
                    + String.join(", ", s.boards().stream().map(Ident::text).toList()), children)));
        }
        return out;
    }

    private static DocumentSymbol vm(VmDecl vm) {
        return symbol(vm.name(), vm, SymbolKind.Object, vm.kind() == null ? "VM" : "VM : " + vm.kind().text(), null);
    }

    private static DocumentSymbol shared(SharedDecl sh) {
        return symbol(sh.name(), sh, SymbolKind.Array, "shared region", null);
    }

    private static DocumentSymbol symbol(Ident name, Node node, SymbolKind kind, String detail, List<DocumentSymbol> children) {
        DocumentSymbol d = new DocumentSymbol(name.text(), kind, Positions.range(node.span()), Positions.range(name.span()), detail);
        if (children != null) d.setChildren(children);
        return d;
    }
}
