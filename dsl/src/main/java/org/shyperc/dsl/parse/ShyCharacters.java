package org.shyperc.dsl.parse;

/**
 * What a .shy file cannot hold as itself, for the code that writes .shy text (`import`): the parser's own rules, so an
 * imported file is never refused for a character the importer copied.
 */
public final class ShyCharacters {
    private ShyCharacters() { }

    /**
     * Not in a string or a comment as itself: a control character (SHY0107; the tab aside; a line break ends either,
     * and a string writer escapes it as `\n`) or a bidirectional-text control (SHY0108).
     */
    public static boolean refused(char c) {
        return Literals.isControl(c) || Literals.isBidi(c);
    }

    /** "the control character U+0007", "the bidirectional-text control U+202E": for a message about {@code c}. */
    public static String describe(char c) {
        return String.format(Literals.isBidi(c) ? "the bidirectional-text control U+%04X" : "the control character U+%04X", (int) c);
    }
}
