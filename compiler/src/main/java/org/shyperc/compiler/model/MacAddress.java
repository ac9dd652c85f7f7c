package org.shyperc.compiler.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A MAC address as .shy writes it: six hexadecimal bytes separated by colons, "02:00:00:00:00:01". */
public final class MacAddress {
    private MacAddress() { }

    /** The six bytes, or null when {@code text} is not a MAC address. */
    public static List<Integer> parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 6) return null;
        List<Integer> out = new ArrayList<>(6);
        for (String p : parts) {
            if (!p.matches("[0-9a-fA-F]{2}")) return null;
            out.add(Integer.parseInt(p, 16));
        }
        return out;
    }

    public static String format(List<Integer> bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bytes.size(); i++) {
            if (i > 0) b.append(':');
            b.append(String.format(Locale.ROOT, "%02x", bytes.get(i) & 0xff));
        }
        return b.toString();
    }
}
