package org.shyperc.cli.cmd;

import java.util.Iterator;
import java.util.List;
import org.shyperc.compiler.bind.BoardPath;

/**
 * The boards a `--board BOARD` option can name, as its completion candidates: what its help lists,
 * what `shyperc completion` offers, and what {@link org.shyperc.cli.Main} says when the option is
 * missing. Read each time they are asked for, with the `--board-path` folders given by then, so a
 * command that never prints them never lists a folder.
 */
public final class BoardNames implements Iterable<String> {
    private final BoardPathOptions boardPath;

    BoardNames(BoardPathOptions boardPath) {
        this.boardPath = boardPath;
    }

    /** For a command of another package (`import rust-shyper`). */
    public static BoardNames of(BoardPathOptions boardPath) {
        return new BoardNames(boardPath);
    }

    /** The boards on the board path, sorted: the list an unknown board's error gives. */
    public List<String> names() {
        return BoardPath.fromEnvironment(boardPath.given()).names();
    }

    @Override
    public Iterator<String> iterator() {
        return names().iterator();
    }

    /** What to do when no board was given. */
    public String missing() {
        return "Give a board file or one of the boards on the board path: " + String.join(", ", names()) + ".";
    }
}
