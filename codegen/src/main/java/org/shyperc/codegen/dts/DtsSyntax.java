package org.shyperc.codegen.dts;

import java.util.stream.Collectors;

import org.shyperc.codegen.devicetree.DtNode;
import org.shyperc.codegen.devicetree.DtNode.DtProperty;
import org.shyperc.codegen.devicetree.DtValue;

/** DTS spelling of names and values; the template calls it for each property line. */
public final class DtsSyntax {

    public String nodeName(DtNode n) {
        return n.name().isEmpty() ? "/" : n.name();
    }

    public String property(DtProperty p) {
        DtValue v = p.value();
        if (v instanceof DtValue.Empty) {
            return p.name() + ";";
        }
        return p.name() + " = " + value(v) + ";";
    }

    static String value(DtValue v) {
        if (v instanceof DtValue.Strings s) {
            return s.values().stream().map(DtsSyntax::quote).collect(Collectors.joining(", "));
        }
        if (v instanceof DtValue.Cells c) {
            return c.values().stream().map(cell -> cell.ref() != null ? "&" + cell.ref()
                    : "0x" + Long.toHexString(cell.value())).collect(Collectors.joining(" ", "<", ">"));
        }
        if (v instanceof DtValue.Bytes b) {
            StringBuilder sb = new StringBuilder("[");
            for (byte x : b.values()) {
                sb.append(sb.length() > 1 ? " " : "").append(String.format("%02x", x & 0xff));
            }
            return sb.append(']').toString();
        }
        throw new IllegalArgumentException("no DTS form for " + v);
    }

    /**
     * A DTS string literal. dtc takes any byte between the quotes, control characters too, so one written raw
     * would compile to the same tree; it is escaped all the same (dtc's `\\xNN`), so the .dts a user reads or
     * prints holds no escape sequence for the terminal. The .shy language refuses them in strings (SHY0107):
     * this is for whatever else makes a Plan.
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) b.append(String.format("\\x%02x", (int) ch));
                    else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }
}
