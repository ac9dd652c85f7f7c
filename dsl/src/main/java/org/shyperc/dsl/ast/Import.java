package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceSpan;

/**
 * `import "boards/mine.shy"` ({@link Kind#FILE}: a path relative to the importing file) or
 * `import board "rpi4"` ({@link Kind#BOARD}: a board of the board library, looked up by name).
 * {@code target} is the string either way: the path, or the board's name.
 */
public record Import(Kind kind, Value.StrLit target, SourceSpan span) implements Node {
    public enum Kind { FILE, BOARD }

    public boolean isBoard() { return kind == Kind.BOARD; }
}
