package org.shyperc.compiler.bind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.Program;
import org.shyperc.dsl.ast.BoardDecl;
import org.shyperc.dsl.ast.Ident;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.diag.Result;

/** Names across all loaded files: boards and systems are global; each system is bound per board. */
public final class Binder {
    private Binder() { }

    public static Result<Program> bind(List<ShyFile> files) {
        return bind(files, null, org.shyperc.compiler.check.CheckRunner.PARALLEL_FROM);
    }

    /**
     * With {@code onlyBoard} set, systems are bound for that board alone (`build --board`). A system of
     * {@code parallelFrom} items or more binds its VMs in parallel (the result is the same).
     */
    public static Result<Program> bind(List<ShyFile> files, String onlyBoard, int parallelFrom) {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, BoardDecl> boardDecls = new LinkedHashMap<>();
        Map<String, SystemDecl> systemDecls = new LinkedHashMap<>();
        for (ShyFile f : files) {
            for (BoardDecl b : f.boards()) unique(boardDecls, b.name(), b, "board", out);
            for (SystemDecl s : f.systems()) unique(systemDecls, s.name(), s, "system", out);
        }
        Map<String, BoardModel> boards = new LinkedHashMap<>();
        java.util.Set<org.shyperc.dsl.source.SourceSpan> unreadable = new java.util.HashSet<>();
        BoardBinder bb = new BoardBinder(out, unreadable);
        for (Map.Entry<String, BoardDecl> e : boardDecls.entrySet()) {
            BoardModel m = bb.bind(e.getValue());
            if (m != null) boards.put(e.getKey(), m);
        }
        List<Instance> instances = new ArrayList<>();
        SystemBinder sb = new SystemBinder(out, unreadable, parallelFrom);
        Names.Index boardNames = null; // made at the first unknown board: a file may name thousands
        for (SystemDecl s : systemDecls.values()) {
            sb.checkOverrides(s);
            Map<String, Ident> listed = new LinkedHashMap<>();
            for (Ident b : s.boards()) {
                Ident first = listed.putIfAbsent(b.text(), b);
                if (first != null) {
                    out.add(Diagnostic.of(Codes.DUPLICATE, b.span(), "Board `" + b.text() + "` is listed twice in `system "
                            + s.name().text() + " for ...`.").related(first.span(), "the first is here")
                            .hint("Keep one; the system is built once per board.").build());
                    continue;
                }
                BoardModel board = boards.get(b.text());
                if (board == null) {
                    if (!boardDecls.containsKey(b.text())) {
                        if (boardNames == null) boardNames = Names.Index.of(boardDecls.keySet());
                        out.add(Diagnostic.of(Codes.UNKNOWN_NAME, b.span(), "There is no board `" + b.text() + "`.")
                                .hint(BoardBinder.hintOr(boardNames.didYouMean(b.text()),
                                        "Import the board: `import board \"" + b.text()
                                                + "\"` for a board of the board library, or `import \"FILE.shy\"` for a file of your own."))
                                .build());
                    }
                    continue; // a board that failed to bind was reported already
                }
                if (onlyBoard != null && !onlyBoard.equals(b.text())) continue;
                instances.add(sb.bind(s, board));
            }
        }
        return new Result<>(new Program(files, List.copyOf(boards.values()), instances, unreadable), out);
    }

    private static <T> void unique(Map<String, T> map, Ident name, T decl, String what, List<Diagnostic> out) {
        T prev = map.putIfAbsent(name.text(), decl);
        if (prev != null) {
            Ident prevName = prev instanceof BoardDecl b ? b.name() : ((SystemDecl) prev).name();
            out.add(Diagnostic.of(Codes.DUPLICATE, name.span(), "The " + what + " `" + name.text()
                    + "` is declared twice.").related(prevName.span(), "the first is declared here").build());
        }
    }
}
