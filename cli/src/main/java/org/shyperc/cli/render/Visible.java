package org.shyperc.cli.render;

/**
 * Text from the input (a file name, a string of a .shy file or a foreign config, a source line) made safe to
 * print on a terminal or in a line-per-diagnostic format: control, format and line-separator characters are
 * written as escapes. Printed raw, a `\n` in a kernel's name made a second line that read as a diagnostic of
 * its own (`--format line` is parsed by editors and CI), and an ESC started a terminal escape sequence
 * (clearing the screen, setting the window title). JSON and SARIF escape them already.
 */
public final class Visible {
    private Visible() { }

    /** {@code s} with each such character as {@code \n}, {@code \r} or {@code \}{@code uXXXX}; a tab is kept. */
    public static String text(String s) {
        if (s == null || clean(s)) return s;
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!hidden(c)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** A source line for a snippet: each such character one U+FFFD, so the carets under it stay in their columns. */
    public static String line(String s) {
        if (clean(s)) return s;
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < b.length(); i++) {
            if (hidden(b.charAt(i))) b.setCharAt(i, '\uFFFD');
        }
        return b.toString();
    }

    private static boolean clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (hidden(s.charAt(i))) return false;
        }
        return true;
    }

    static boolean hidden(char c) {
        if (c == '\t') return false;
        if (c < 0x20 || c == 0x7f) return true;
        if (c < 0x80) return false;
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
