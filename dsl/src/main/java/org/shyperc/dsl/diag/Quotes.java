package org.shyperc.dsl.diag;

/**
 * Messages quote what the input says (a name, a path, a token) between backticks. A part quoted longer than
 * {@value #LIMIT} characters is cut to its first {@value #LIMIT} less one and `…`: a 100,000-character name made every
 * message about it 100,000 characters long, in the terminal, in JSON and SARIF and in an editor's problems list.
 * Hints are left whole: a quick fix takes its replacement from one.
 */
public final class Quotes {
    /** Above any real path or name, far below what would flood a terminal. */
    public static final int LIMIT = 200;

    private Quotes() { }

    /**
     * A message on one line: a tab, line break or carriage return it quotes (a path written `"C:\\tools\\new"`,
     * which the string's escapes made a tab and a line break of) is shown as the escape that makes it. A raw line break
     * split the diagnostic in the terminal, and a `.expected` line of the corpus in two.
     */
    public static String oneLine(String message) {
        if (message == null) return null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                return message.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
            }
        }
        return message;
    }

    public static String bounded(String message) {
        if (message == null || message.length() <= LIMIT) return message;
        StringBuilder b = null;
        int from = 0;
        for (int open = message.indexOf('`'); open >= 0; ) {
            int close = message.indexOf('`', open + 1);
            if (close < 0) break;
            if (close - open - 1 > LIMIT) {
                if (b == null) b = new StringBuilder(message.length() < 4 * LIMIT ? message.length() : 4 * LIMIT);
                int cut = open + LIMIT;                         // open + 1 + (LIMIT - 1)
                if (Character.isLowSurrogate(message.charAt(cut))) cut--;
                b.append(message, from, cut).append('…');
                from = close;
            }
            open = message.indexOf('`', close + 1);
        }
        return b == null ? message : b.append(message, from, message.length()).toString();
    }
}
