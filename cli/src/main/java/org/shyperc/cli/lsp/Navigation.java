package org.shyperc.cli.lsp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.shyperc.dsl.ast.Ident;

/** Go to definition (names and imports), references and rename (VMs, devices, shared regions) over the symbol index. */
final class Navigation {
    private Navigation() { }

    static List<Location> definition(Analysis a, int offset) {
        SymbolIndex.ImportLink imp = a.index().importAt(a.source(), offset);
        if (imp != null) {
            Position start = new Position(0, 0);
            return List.of(new Location(LibraryFiles.uri(imp.target()), new Range(start, start)));
        }
        SymbolIndex.Symbol s = a.index().at(a.source(), offset);
        return s == null ? List.of() : List.of(Positions.location(s.decl().span()));
    }

    /** Every place the name under the cursor is declared or used, in every file read. */
    static List<Location> references(Analysis a, int offset) {
        SymbolIndex.Symbol s = a.index().at(a.source(), offset);
        if (s == null) return List.of();
        return a.index().occurrences(s).stream().map(id -> Positions.location(id.span())).toList();
    }

    /** The occurrences of the name under the cursor that are in this document, for highlighting. */
    static List<DocumentHighlight> highlights(Analysis a, int offset) {
        SymbolIndex.Symbol s = a.index().at(a.source(), offset);
        if (s == null) return List.of();
        return a.index().occurrences(s).stream().filter(id -> id.span().file() == a.source())
                .map(id -> new DocumentHighlight(Positions.range(id.span()),
                        id == s.decl() ? DocumentHighlightKind.Write : DocumentHighlightKind.Read))
                .toList();
    }

    static boolean renamable(SymbolIndex.Symbol s) {
        return s != null && (s.kind() == SymbolIndex.Kind.VM || s.kind() == SymbolIndex.Kind.DEVICE
                || s.kind() == SymbolIndex.Kind.SHARED);
    }

    /** The name under the cursor if it can be renamed, else null. */
    static Range renameRange(Analysis a, int offset) {
        SymbolIndex.Symbol s = a.index().at(a.source(), offset);
        if (!renamable(s)) return null;
        for (Ident id : a.index().occurrences(s)) {
            if (id.span().file() == a.source() && id.span().contains(offset)) return Positions.range(id.span());
        }
        return null;
    }

    /** Null when the name cannot be renamed; an edit of every occurrence, in every file, otherwise. */
    static WorkspaceEdit rename(Analysis a, int offset, String newName) {
        SymbolIndex.Symbol s = a.index().at(a.source(), offset);
        if (!renamable(s)) return null;
        Map<String, List<TextEdit>> changes = new HashMap<>();
        for (Ident id : a.index().occurrences(s)) {
            changes.computeIfAbsent(Positions.uri(id.span().file()), k -> new ArrayList<>())
                    .add(new TextEdit(Positions.range(id.span()), newName));
        }
        return new WorkspaceEdit(changes);
    }
}
