package org.shyperc.codegen.report;

/** Escaping and number formatting for SVG/HTML text. */
final class Svg {

    private Svg() { }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
