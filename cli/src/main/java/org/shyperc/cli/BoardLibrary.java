package org.shyperc.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.shyperc.cli.render.PrettyRenderer;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.BoardPath;
import org.shyperc.dsl.diag.Names;
import org.shyperc.compiler.model.BoardModel;

/**
 * The board a command names with `--board B` (init, import rust-shyper): a board file when B
 * is a path to one, else a board name looked up on the board path exactly as
 * `import board "B"` is (--board-path folders, SHYPERC_BOARD_PATH, the library).
 */
public final class BoardLibrary {
    private BoardLibrary() { }

    /**
     * A board found and bound. {@code name} is set when it was found by name (so a system imports it
     * with `import board`), null for a board file; {@code board} is null after a problem, with the
     * exit status to use.
     */
    public record Loaded(Path file, String name, BoardModel board, int status) {
        /** The import statement for a system written at {@code out}: `board "NAME"` or a path relative to it. */
        public String importFrom(Path out) {
            if (name != null) return "import board \"" + name + "\"";
            Path folder = out.toAbsolutePath().normalize().getParent();
            return "import \"" + folder.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/') + "\"";
        }
    }

    /** Finds and binds a board, reporting on {@code err} what went wrong. */
    public static Loaded load(String board, BoardPath path, PrintWriter err) {
        String why = board.isEmpty() ? null : Main.notAPath(board); // an empty name is a board not found, listed below
        if (why != null) {
            err.println("shyperc: the board " + why + ".");
            return new Loaded(null, null, null, Main.USAGE);
        }
        Path direct = board.endsWith(".shy") || board.contains("/") ? Path.of(board) : null;
        // a bare name is a board of the board path first: a stray file of that name beside it is not a board file
        if (direct == null && path.find(board) == null && Files.isRegularFile(Path.of(board))) direct = Path.of(board);
        Path file = direct != null ? direct : path.find(board);
        if (file == null || !Files.isRegularFile(file)) {
            if (direct != null) {
                boolean exists = file != null && Files.exists(file);
                String hint = exists ? null : org.shyperc.dsl.io.InputFiles.missingHint(direct, board, board, ".shy");
                err.println("shyperc: the board file `" + board + "` " + (exists
                        ? "is not a regular file (a folder, a pipe or a device)." : "does not exist.")
                        + (hint == null ? "" : " " + hint));
            } else {
                List<String> names = path.names();
                String close = Names.didYouMean(board, names);
                err.println("shyperc: there is no board `" + board + "` on the board path."
                        + (close == null ? "" : " " + close)
                        + " Boards: " + String.join(", ", names) + ".");
            }
            return new Loaded(null, null, null, Main.USAGE);
        }
        // the system written imports it by its path, which must reach a .shy file (SHY0211)
        if (direct != null && !org.shyperc.compiler.bind.Loader.identity(file.toAbsolutePath()).getFileName().toString()
                .endsWith(".shy")) {
            err.println("shyperc: the board file `" + board + "` is not a .shy file: a system imports only files named "
                    + "`*.shy` (SHY0211).");
            return new Loaded(null, null, null, Main.USAGE);
        }
        Compilation c = Compiler.standard().withBoardPath(path).compile(List.of(file));
        BoardModel model = declaredIn(c);
        if (c.hasErrors() || model == null) {
            new PrettyRenderer(false).render(c.diagnostics(), err);
            err.println("shyperc: `" + (direct != null ? board : c.files().get(c.files().size() - 1).source().displayPath())
                    + "` is not a usable board file.");
            return new Loaded(file, null, null, Main.ERRORS);
        }
        return new Loaded(file, direct != null ? null : board, model, Main.OK);
    }

    /** The first board the file itself declares (files it imports come before it). */
    private static BoardModel declaredIn(Compilation c) {
        if (c.files().isEmpty()) return null;
        var root = c.files().get(c.files().size() - 1);
        if (root.boards().isEmpty()) return null;
        String name = root.boards().get(0).name().text();
        for (BoardModel b : c.program().boards()) if (b.name().equals(name)) return b;
        return null;
    }
}
