package org.shyperc.dsl.parse;

/**
 * What a .shy file cannot hold as itself, for the code that writes .shy text (`import`): the parser's own rules, so an
 * imported file is never refused for a character the importer copied.
 */
public final class ShyCharacters {
    private ShyCharacters() { }

    /**
     * Not in a string as itself: a control character (SHY0107; the tab aside, and the line break, which a writer
     * escapes as `\n`) or a bidirectional-text control (SHY0108).
     */
    public static boolean refusedInString(char c) {
        return Literals.isControl(c) || Literals.isBidi(c);
    }

    /** Not in a `//` comment: a control character would end it or hide in it, a bidirectional-text control is refused. */
    public static boolean refusedInComment(char c) {
        return Literals.isControl(c) || Literals.isBidi(c);
    }

    /** "the control character U+0007", "the bidirectional-text control U+202E": for a message about {@code c}. */
    public static String describe(char c) {
        return String.format(Literals.isBidi(c) ? "the bidirectional-text control U+%04X" : "the control character U+%04X", (int) c);
    }
}
