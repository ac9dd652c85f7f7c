package org.shyperc.cli.lsp;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.bind.BoardPath;
import org.shyperc.dsl.ast.BoardDecl;
import org.shyperc.dsl.ast.BoardItem;
import org.shyperc.dsl.ast.ConsoleDecl;
import org.shyperc.dsl.ast.Ident;
import org.shyperc.dsl.ast.Import;
import org.shyperc.dsl.ast.OnBlock;
import org.shyperc.dsl.ast.Setting;
import org.shyperc.dsl.ast.SharedDecl;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.ast.VmDecl;
import org.shyperc.dsl.ast.VmItem;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Who declares what and who refers to it, over every file a compilation read: boards,
 * their devices and memory banks, systems, VMs and shared regions; references from `for`,
 * `on`, `passthrough`, shared mappings, the hypervisor's `console`, and per-board override
 * blocks (an override `vm x` refers to the base `vm x`). Built from the compiler's AST, so
 * names resolve the way the binder resolves them.
 */
final class SymbolIndex {
    enum Kind { BOARD, DEVICE, MEMORY, SYSTEM, VM, SHARED }

    /** A declaration; {@code scope} is the board (devices, memories) or system (VMs, shared) it lives in. */
    record Symbol(Kind kind, String name, String scope, Ident decl, Object node) { }

    record Ref(Ident at, Symbol target) { }

    /** An import's string and the file it names: a path, or a board found on the board path. */
    record ImportLink(SourceSpan at, Import imp, Path target) { }

    private final List<Symbol> symbols = new ArrayList<>();
    private final List<Ref> refs = new ArrayList<>();
    private final List<ImportLink> imports = new ArrayList<>();
    private final Map<String, Symbol> boards = new LinkedHashMap<>();
    private final Map<Key, Symbol> byKey = new java.util.HashMap<>();
    /**
     * The lookups requests use, made from the two lists on first use ({@link #lookups}), not at the end
     * of every analysis: a 133k-line document's re-check spent 5-12 ms of CPU and 9 MB on them before
     * publishing its diagnostics (bench/README.md). Null until then.
     */
    private volatile Lookups lookups;
    private final BoardPath boardPath;

    private SymbolIndex(BoardPath boardPath) { this.boardPath = boardPath; }

    BoardPath boardPath() { return boardPath; }

    static SymbolIndex of(List<ShyFile> files) {
        return of(files, BoardPath.bundled());
    }

    /** {@code boards}: where the compilation found `import board` targets, to link them the same way. */
    static SymbolIndex of(List<ShyFile> files, BoardPath boards) {
        SymbolIndex ix = new SymbolIndex(boards);
        for (ShyFile f : files) for (BoardDecl b : f.boards()) ix.declareBoard(b);
        for (ShyFile f : files) {
            ix.importsOf(f);
            for (BoardDecl b : f.boards()) ix.boardRefs(b);
            for (SystemDecl s : f.systems()) ix.system(s);
        }
        return ix;
    }

    List<Symbol> symbols() { return symbols; }

    /** The references in the order they were found (tests compare the lookups with a walk over them). */
    List<Ref> refs() { return refs; }

    List<Symbol> symbols(Kind kind) { return symbols.stream().filter(s -> s.kind() == kind).toList(); }

    Symbol board(String name) { return boards.get(name); }

    /** The declaration named at, or referred to at, an offset of a file; null if none. */
    Symbol at(SourceFile file, int offset) {
        return lookups().byPosition.at(file, offset);
    }

    /** The import whose path string is at an offset; null if none. */
    ImportLink importAt(SourceFile file, int offset) {
        for (ImportLink i : imports) if (covers(i.at(), file, offset)) return i;
        return null;
    }

    /** Every place that spells a symbol's name: its declaration and every reference. */
    List<Ident> occurrences(Symbol s) {
        List<Ident> out = new ArrayList<>();
        out.add(s.decl());
        out.addAll(lookups().refsTo.getOrDefault(s, List.of()));
        return out;
    }

    private static boolean covers(SourceSpan span, SourceFile file, int offset) {
        return span.file() == file && span.contains(offset);
    }

    /**
     * Makes the lookups if no one has yet (the analysis thread calls this once it has published, so
     * the first request seldom waits for it). Safe from any thread: they are made once, under the
     * index's lock, and published through a volatile field; the lists they are made from no longer
     * change once {@link #of} returns.
     */
    void prepareLookups() { lookups(); }

    private Lookups lookups() {
        Lookups l = lookups;
        if (l == null) {
            synchronized (this) {
                l = lookups;
                if (l == null) lookups = l = new Lookups(symbols, refs);
            }
        }
        return l;
    }

    /** By position (declarations, then references) and the references to each symbol, made from the two lists. */
    private static final class Lookups {
        /** Declarations, then references, by position: {@link #at} is a lookup, not a walk over both lists. */
        final SpanLookup<Symbol> byPosition = new SpanLookup<>();
        /** The references to each symbol, in the order of {@link #refs}; by identity, as a reference's target is. */
        final Map<Symbol, List<Ident>> refsTo = new java.util.IdentityHashMap<>();

        /** A declaration before any reference at the same place, and the first added of each, as a walk would find them. */
        Lookups(List<Symbol> symbols, List<Ref> refs) {
            for (Symbol s : symbols) byPosition.add(s.decl().file(), s.decl().start(), s.decl().end(), s);
            for (Ref r : refs) {
                byPosition.add(r.at().file(), r.at().start(), r.at().end(), r.target());
                refsTo.computeIfAbsent(r.target(), t -> new ArrayList<>()).add(r.at());
            }
            byPosition.freeze();
        }
    }

    private void declareBoard(BoardDecl b) {
        Symbol board = add(Kind.BOARD, b.name(), null, b);
        boards.putIfAbsent(b.name().text(), board);
        for (BoardItem item : b.items()) {
            if (item instanceof BoardItem.Device d) add(Kind.DEVICE, d.name(), b.name().text(), d);
            if (item instanceof BoardItem.Memory m) add(Kind.MEMORY, m.name(), b.name().text(), m);
        }
    }

    private void boardRefs(BoardDecl b) {
        for (BoardItem item : b.items()) {
            if (!(item instanceof BoardItem.Hypervisor h)) continue;
            for (Setting s : h.settings()) {
                if (s instanceof Setting.Plain p && p.key().text().equals("console") && p.value() instanceof Value.NameRef n) {
                    ref(n.name(), find(Kind.DEVICE, n.name().text(), b.name().text()));
                }
            }
        }
    }

    private void system(SystemDecl sys) {
        String scope = sys.name().text();
        add(Kind.SYSTEM, sys.name(), null, sys);
        List<String> boardNames = new ArrayList<>();
        for (Ident b : sys.boards()) {
            boardNames.add(b.text());
            ref(b, boards.get(b.text()));
        }
        // a VM without a name (`vm : baremetal {`) is named by its kind word only for the messages: not a name to go
        // to or rename, which would rewrite the kind
        for (VmDecl vm : sys.vms()) if (!vm.unnamed()) add(Kind.VM, vm.name(), scope, vm);
        for (SharedDecl sh : sys.shared()) add(Kind.SHARED, sh.name(), scope, sh);
        for (VmDecl vm : sys.vms()) vmRefs(vm, scope, boardNames);
        for (SharedDecl sh : sys.shared()) sharedRefs(sh, scope);
        for (ConsoleDecl c : sys.consoles()) ref(c.vm(), find(Kind.VM, c.vm().text(), scope));
        for (OnBlock on : sys.overrides()) {
            ref(on.board(), boards.get(on.board().text()));
            for (ConsoleDecl c : on.consoles()) ref(c.vm(), find(Kind.VM, c.vm().text(), scope));
            for (VmDecl vm : on.vms()) {
                ref(vm.name(), find(Kind.VM, vm.name().text(), scope));
                vmRefs(vm, scope, List.of(on.board().text()));
            }
            for (SharedDecl sh : on.shared()) {
                ref(sh.name(), find(Kind.SHARED, sh.name().text(), scope));
                sharedRefs(sh, scope);
            }
        }
    }

    private void vmRefs(VmDecl vm, String system, List<String> boardNames) {
        for (VmItem item : vm.items()) {
            if (item instanceof VmItem.Passthrough p) {
                for (String board : boardNames) ref(p.device(), find(Kind.DEVICE, p.device().text(), board));
            } else if (item instanceof VmItem.Virtio v) {
                // a virtio console's `peer VM` names a VM of the system (the binder reads it the same way)
                for (Setting st : v.settings()) {
                    if (st instanceof Setting.Plain pl && pl.key().text().equals("peer") && pl.value() instanceof Value.NameRef n) {
                        ref(n.name(), find(Kind.VM, n.name().text(), system));
                    }
                }
            }
        }
    }

    private void sharedRefs(SharedDecl sh, String system) {
        for (SharedDecl.Mapping m : sh.mappings()) ref(m.vm(), find(Kind.VM, m.vm().text(), system));
        for (SharedDecl.Doorbell d : sh.doorbells()) {                  // doorbells (issue 13)
            ref(d.from(), find(Kind.VM, d.from().text(), system));
            ref(d.to(), find(Kind.VM, d.to().text(), system));
        }
    }

    private void importsOf(ShyFile f) {
        Path from = f.source().path();
        if (from == null) return;
        for (Import imp : f.imports()) {
            if (imp.isBoard()) {
                Path board = boardPath.find(imp.target().value());
                if (board != null) imports.add(new ImportLink(imp.target().span(), imp, board));
                continue; // an unknown board: the loader has reported it
            }
            try {
                imports.add(new ImportLink(imp.target().span(), imp, from.getParent().resolve(imp.target().value()).normalize()));
            } catch (InvalidPathException e) {
                // the loader has reported it; nothing to link
            }
        }
    }

    private Symbol add(Kind kind, Ident name, String scope, Object node) {
        Symbol s = new Symbol(kind, name.text(), scope, name, node);
        symbols.add(s);
        byKey.putIfAbsent(key(kind, name.text(), scope), s);
        return s;
    }

    private void ref(Ident at, Symbol target) {
        if (target != null) refs.add(new Ref(at, target));
    }

    private Symbol find(Kind kind, String name, String scope) {
        return byKey.get(key(kind, name, scope));
    }

    /**
     * A declaration's kind, scope and name, as one key: compared field by field, not concatenated into
     * a string for every declaration and every lookup (which a large document's re-check did 10^5 times).
     */
    private record Key(Kind kind, String scope, String name) { }

    private static Key key(Kind kind, String name, String scope) {
        return new Key(kind, scope, name);
    }
}
