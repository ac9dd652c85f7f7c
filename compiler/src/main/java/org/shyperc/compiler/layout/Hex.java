package org.shyperc.compiler.layout;

/** Addresses and sizes the way the language writes them, for messages. */
public final class Hex {
    private Hex() { }

    /** 0x4000_0000: grouped in fours so long addresses stay readable. */
    public static String of(long v) {
        String h = Long.toHexString(v);
        StringBuilder b = new StringBuilder("0x");
        int lead = h.length() % 4 == 0 ? 4 : h.length() % 4;
        b.append(h, 0, lead);
        for (int i = lead; i < h.length(); i += 4) b.append('_').append(h, i, i + 4);
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
        return Long.toUnsignedString(v) + " bytes";
    }
}
