package org.shyperc.dsl.diag;

/** A string written as a Windows path, for a hint: the same path with `/`, which is what a .shy path means on every host. */
public final class WindowsPaths {
    private WindowsPaths() { }

    /**
     * A string's body as written (between its quotes, escapes not applied) with each backslash, an escaped one (`\\`)
     * too, turned into `/`; null when it holds white space, a quote or a control character: no path someone meant.
     */
    public static String slashed(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c < 0x20 || c >= 0x7f && c <= 0x9f) return null;
        }
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            b.append('/');
            if (i + 1 < body.length() && body.charAt(i + 1) == '\\') i++; // `\\`, an escaped backslash: one separator
        }
        return b.toString();
    }

    /** The same for a string's value, whose `\t` and `\n` became a tab and a line break: written back as escapes first. */
    public static String slashedValue(String value) {
        return slashed(value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
    }
}
