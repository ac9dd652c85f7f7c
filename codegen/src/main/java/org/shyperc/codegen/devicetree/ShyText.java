package org.shyperc.codegen.devicetree;

import static org.shyperc.codegen.rustshyper.ShySystemWriter.address;
import static org.shyperc.codegen.rustshyper.ShySystemWriter.quote;

import java.util.ArrayList;
import java.util.List;

import org.shyperc.codegen.fdt.FdtProperty;
import org.shyperc.dsl.parse.ShyCharacters;

/** Spelling DTB facts in .shy: property values, small numbers, comment text. */
final class ShyText {

    private ShyText() { }

    /**
     * Text from the DTB inside a // comment, or in a message: a control character would end the comment early or act
     * on a terminal, a bidirectional-text control would make the parser refuse the file (SHY0108).
     */
    static String comment(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            b.append(ShyCharacters.refused(ch) ? '?' : ch);
        }
        return b.toString();
    }

    /** The first character of {@code s} that a .shy string or comment cannot hold, or -1. */
    static int unwritable(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (ShyCharacters.refused(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return -1;
    }

    /** A property value in .shy syntax: "" for a flag, a string, a string list, a number or a number list. */
    static String value(FdtProperty p) {
        if (p.length() == 0) {
            return "";
        }
        List<String> s = p.strings();
        if (s != null) {
            return s.size() == 1 ? quote(s.get(0)) : "[" + String.join(", ", s.stream().map(x -> quote(x)).toList()) + "]";
        }
        long[] c = p.cells();
        if (c == null) {
            return null;
        }
        if (c.length == 1) {
            return num(c[0]);
        }
        List<String> parts = new ArrayList<>();
        for (long x : c) {
            parts.add(num(x));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    static String num(long v) {
        return v >= 0 && v < 10 ? Long.toString(v) : address(v);
    }

}
