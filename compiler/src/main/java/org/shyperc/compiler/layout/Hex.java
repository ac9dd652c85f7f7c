package org.shyperc.compiler.layout;

/** Addresses and sizes the way the language writes them, for messages. */
public final class Hex {
    private Hex() { }

    /**
     * 0x0a00_2000: groups of four digits joined by `_`, the first group padded, as the language
     * and its documentation write addresses; four digits or fewer stay short (0x1000).
     */
    public static String of(long v) {
        String h = Long.toHexString(v);
        if (h.length() <= 4) return "0x" + h;
        h = "0".repeat((4 - h.length() % 4) % 4) + h;
        StringBuilder b = new StringBuilder("0x");
        for (int i = 0; i < h.length(); i += 4) b.append(i == 0 ? "" : "_").append(h, i, i + 4);
        return b.toString();
    }

    /** 512 MiB, 4 KiB, or a byte count when no unit divides it. */
    public static String size(long v) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long f = 1L << shifts[i];
            if (v != 0 && Long.compareUnsigned(v, f) >= 0 && Long.remainderUnsigned(v, f) == 0) {
                return Long.toUnsignedString(Long.divideUnsigned(v, f)) + " " + units[i];
            }
        }
        return Long.toUnsignedString(v) + (v == 1 ? " byte" : " bytes");
    }
}
