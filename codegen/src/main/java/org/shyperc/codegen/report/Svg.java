package org.shyperc.codegen.report;

/** Escaping and number formatting for SVG/HTML text. */
final class Svg {

    private Svg() { }

    /**
     * Text for SVG (XML) and HTML. XML 1.0 has no C0 control character but tab and line ends, not even as a
     * character reference, so one would make the SVG unreadable: it is shown as `\\u001b`, as the CLI shows it. A
     * report of a failed check quotes source text, which may hold one (SHY0107 is the error that says so).
     */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    static String hex(long v) {
        return String.format("0x%09x", v);
    }

    static String size(long v) {
        String[] units = {"GiB", "MiB", "KiB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (v >= (1L << shifts[i]) && v % (1L << shifts[i]) == 0) {
                return (v >> shifts[i]) + " " + units[i];
            }
        }
        return v + " B";
    }
}
