package org.shyperc.compiler.bind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.dsl.ast.Import;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Reads the root files and everything they import, each file once, file imports resolved
 * relative to the importing file and board imports on the {@link BoardPath}. A file is known
 * by its real path, so one reached through a symlink or a `../x/../` detour is still one file;
 * it keeps the path it was first reached by for messages. Files come back with imports before
 * importers; cycles are reported at the import that closes them.
 */
public final class Loader {

    /** Where text comes from: the disk by default, open editor buffers in the language server. */
    public interface Sources {
        Result<SourceFile> load(Path absolute, String displayPath, SourceSpan from);

        Sources DISK = new Sources() {
            @Override
            public Result<SourceFile> load(Path absolute, String displayPath, SourceSpan from) {
                return SourceLoader.load(absolute, displayPath, from);
            }
        };
    }

    private final Path base;
    private final Sources sources;
    private final BoardPath boards;
    private final Map<Path, ShyFile> done = new HashMap<>();
    /** The files being read, by identity, each to the path it was reached by. */
    private final LinkedHashMap<Path, Path> stack = new LinkedHashMap<>();
    private final List<ShyFile> order = new ArrayList<>();
    private final List<Diagnostic> diags = new ArrayList<>();
    private List<String> boardNames;

    /** {@code base} is the folder display paths are relative to (the working directory); boards come from the library. */
    public Loader(Path base, Sources sources) {
        this(base, sources, BoardPath.bundled());
    }

    public Loader(Path base, Sources sources, BoardPath boards) {
        this.base = base.toAbsolutePath().normalize();
        this.sources = sources;
        this.boards = boards;
    }

    public Result<List<ShyFile>> load(List<Path> roots) {
        for (Path r : roots) visit(r.toAbsolutePath().normalize(), null);
        return new Result<>(order, diags);
    }

    /**
     * What makes two paths the same file: the real path (symlinks and `..` resolved) when the
     * file exists, else the normalized path (the load will report it missing).
     */
    public static Path identity(Path abs) {
        try {
            return abs.toRealPath();
        } catch (java.io.IOException | SecurityException e) {
            return abs.normalize();
        }
    }

    private void visit(Path abs, SourceSpan from) {
        Path key = identity(abs);
        if (done.containsKey(key)) return;
        if (stack.containsKey(key)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (Map.Entry<Path, Path> p : stack.entrySet()) {
                if (p.getKey().equals(key)) in = true;
                if (in) cycle.add("`" + display(p.getValue()) + "`");
            }
            cycle.add("`" + display(stack.get(key)) + "`");
            diags.add(Diagnostic.of(Codes.IMPORT_CYCLE, from, "This import closes a cycle: "
                    + String.join(" imports ", cycle) + ".")
                    .hint(cycle.size() == 2 ? "A file does not import itself: delete this line."   // `a` imports `a`
                            : "Move what both files need into a third file that each imports.").build());
            return;
        }
        Result<SourceFile> src = sources.load(abs, display(abs), from);
        diags.addAll(src.diagnostics());
        if (src.value() == null) return;
        Result<ShyFile> parsed = DslParser.parse(src.value());
        diags.addAll(parsed.diagnostics());
        ShyFile file = parsed.value();
        if (from == null && file.imports().isEmpty() && file.boards().isEmpty() && file.systems().isEmpty()
                && !hasError(parsed.diagnostics())) {
            // an empty root is almost always the wrong file given; an empty import is harmless
            diags.add(Diagnostic.of(Codes.MISSING, SourceSpan.startOf(file.source()), "`" + display(abs)
                    + "` declares no board and no system.").hint("Is this the file you meant to check?").build());
        }
        stack.put(key, abs);
        Path folder = abs.getParent();
        for (Import imp : file.imports()) {
            Path target = imp.isBoard() ? board(imp, folder) : relative(folder, imp);
            if (target != null) visit(target, imp.target().span());
        }
        stack.remove(key);
        done.put(key, file);
        order.add(file);
    }

    private static boolean hasError(List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            if (d.isError()) return true;
        }
        return false;
    }

    private Path relative(Path folder, Import imp) {
        String rel = imp.target().value();
        if (rel.isEmpty()) { // it would resolve to the folder, reported as "a directory" nobody named
            if (!leftOpen(imp.target().span())) {
                diags.add(Diagnostic.of(Codes.IMPORT_NOT_FOUND, imp.target().span(), "The import names no file: its path is empty.")
                        .hint("Write the path of a .shy file, relative to this file's folder, or `import board \"NAME\"` for a "
                                + "board of the board path.").build());
            }
            return null;
        }
        Path target;
        try {
            target = folder.resolve(rel).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            diags.add(Diagnostic.of(Codes.IMPORT_NOT_FOUND, imp.target().span(), "`" + rel
                    + "` is not a valid path.").build());
            return null;
        }
        // Refused unread: the syntax errors of a file that is not .shy text would quote its lines (SHY0211).
        // Only a regular file: a missing one, a folder or a device keeps its own message (SHY0201, SHY0106).
        Path real = identity(target);
        if (Files.isRegularFile(real) && !real.getFileName().toString().endsWith(".shy")) {
            String via = !target.getFileName().toString().endsWith(".shy") ? "" : " (it leads to `" + real.toString().replace('\\', '/') + "`)";
            diags.add(Diagnostic.of(Codes.IMPORT_NOT_SHY, imp.target().span(), "`" + rel + "` is not a .shy file" + via
                    + ": an import reads only files named `*.shy`.")
                    .hint("Import the .shy file meant; a file of your own that is .shy text can be renamed to end in `.shy`.")
                    .build());
            return null;
        }
        return target;
    }

    /** Whether the string at {@code at} is one the lexer found unclosed (SHY0102 there says what to add). */
    private boolean leftOpen(SourceSpan at) {
        for (Diagnostic d : diags) {
            if (d.code() == Codes.BAD_TOKEN && d.span().file() == at.file() && d.span().start() == at.start()) return true;
        }
        return false;
    }

    /** The board's file on the board path, or null after a diagnostic at the name; {@code folder}: the importing file's. */
    private Path board(Import imp, Path folder) {
        String name = imp.target().value();
        SourceSpan at = imp.target().span();
        // `import board "` left open: the string's own error (SHY0102) says what to add, and the name is not one yet
        if (leftOpen(at)) return null;
        if (name.isEmpty()) {
            diags.add(Diagnostic.of(Codes.IMPORT_NOT_FOUND, at, "The board import names no board: its name is empty.")
                    .hint("Write a board's name, the name of its file without `.shy`: `import board \"qemu-virt\"`.").build());
            return null;
        }
        if (!BoardPath.isName(name)) {
            diags.add(Diagnostic.of(Codes.IMPORT_NOT_FOUND, at, "`" + name + "` is not a board name: a board is named "
                    + "by its file name without `.shy`, and no folder.")
                    .hint("To import a file by its path, write `import \"" + name + "\"`.").build());
            return null;
        }
        Path file = boards.find(name);
        if (file != null) return file;
        if (boardNames == null) boardNames = boards.names();
        String suggestion = Names.didYouMean(name, boardNames);
        List<String> quoted = new ArrayList<>(boardNames.size());
        for (String n : boardNames) quoted.add("`" + n + "`");
        String known = boardNames.isEmpty() ? "No board is on the board path."
                : "Boards on the board path: " + String.join(", ", quoted) + ".";
        String beside = beside(folder, name);
        diags.add(Diagnostic.of(Codes.IMPORT_NOT_FOUND, at, "There is no board `" + name + "` on the board path.")
                .hint(beside != null ? "`" + beside + "` is beside this file: import it by its path, `import \"" + beside
                        + "\"`, or add its folder to the board path with `--board-path` or " + BoardPath.ENV + "."
                        : (suggestion == null ? "" : suggestion + " ") + known
                        + " Add folders of boards with `--board-path DIR` or " + BoardPath.ENV + ".").build());
        return null;
    }

    /** `NAME.shy` or `boards/NAME.shy` next to the importing file, as a path relative to it, or null. */
    private static String beside(Path folder, String name) {
        if (folder == null) return null;
        for (String rel : new String[] {name + ".shy", "boards/" + name + ".shy"}) {
            if (Files.isRegularFile(folder.resolve(rel))) return rel;
        }
        return null;
    }

    private String display(Path abs) {
        String bundled = boards.display(abs);
        if (bundled != null) return bundled;
        if (abs.startsWith(base)) {
            String rel = base.relativize(abs).toString();
            return rel.isEmpty() ? abs.toString() : rel.replace('\\', '/');
        }
        return abs.toString().replace('\\', '/');
    }
}
