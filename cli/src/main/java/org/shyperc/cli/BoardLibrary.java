package org.shyperc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.shyperc.cli.render.PrettyRenderer;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.model.BoardModel;

/**
 * Where board names resolve: a path to a board file, else `boards/NAME.shy` in the working
 * directory or one of its parents (nearest first), else the board library shipped beside
 * the shyperc jar (cli/target/shyperc.jar → boards/).
 */
public final class BoardLibrary {
    private BoardLibrary() { }

    /** A board file found and bound; {@code board} is null after a problem, with the exit status to use. */
    public record Loaded(Path file, BoardModel board, int status) { }

    /** Finds and binds a board, reporting on {@code err} what went wrong. */
    public static Loaded load(String board, PrintWriter err) {
        Path file = find(board);
        if (file == null) {
            List<String> names = names();
            String hint = org.shyperc.compiler.bind.Names.didYouMean(board, names);
            err.println("shyperc: no board `" + board + "`. Library boards: " + String.join(", ", names) + "."
                    + (hint == null ? "" : " " + hint));
            return new Loaded(null, null, Main.USAGE);
        }
        Compilation c = Compiler.standard().compile(List.of(file));
        if (c.hasErrors() || c.program().boards().isEmpty()) {
            new PrettyRenderer(false).render(c.diagnostics(), err);
            err.println("shyperc: `" + file + "` is not a usable board file.");
            return new Loaded(file, null, Main.ERRORS);
        }
        return new Loaded(file, c.program().boards().get(0), Main.OK);
    }

    /** The board file for a name or path, or null. */
    public static Path find(String board) {
        Path direct = Path.of(board);
        if (board.endsWith(".shy") || Files.isRegularFile(direct)) return Files.isRegularFile(direct) ? direct : null;
        for (Path dir : dirs()) {
            Path candidate = dir.resolve(board + ".shy");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        return null;
    }

    /** Every board name the library offers, sorted, for messages and completion. */
    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Path dir : dirs()) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".shy"))
                        .map(n -> n.substring(0, n.length() - 4)).forEach(names::add);
            } catch (IOException e) {
                // an unreadable folder offers no boards
            }
        }
        return new ArrayList<>(names);
    }

    static List<Path> dirs() {
        List<Path> out = new ArrayList<>();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("boards"))) out.add(d.resolve("boards"));
        }
        Path home = installedBoards();
        if (home != null && !out.contains(home)) out.add(home);
        return out;
    }

    private static Path installedBoards() {
        try {
            Path jar = Path.of(BoardLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = jar.getParent(); d != null; d = d.getParent()) {
                if (Files.isDirectory(d.resolve("boards"))) return d.resolve("boards").toAbsolutePath().normalize();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
        return null;
    }
}
