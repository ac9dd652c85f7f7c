package org.shyperc.dsl.parse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.parser.ShyLexer;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * What a `.` between two digits was meant to be; a single `.` is no token of the language. Read as a stray
 * character, `size 1.5 GiB` was two errors, the second saying "`5` follows the number `1`: write it without the
 * space: `1_5`", which is 15 and there was no space. Here it is one error, like {@link Signs}' for a sign:
 * <ul>
 * <li>`1.5 GiB`, `0.5`: a fraction, which .shy does not have; the number is kept but marked {@link Signs.Unread},
 * so nothing judges it, and the hint gives the same size in a smaller unit when it is a whole number there
 * (`1536 MiB`);</li>
 * <li>`[0.3]` inside a list, where numbers are cores and interrupts: a range with one dot, read as `0..3`.</li>
 * </ul>
 * A decimal comma, as many locales write a fraction (`size 1,5 GiB`), was two errors as well: a size of 1 byte and an
 * unexpected `,`. {@link #comma} reads it as the same one error. Only where a size is expected (after `size`, outside
 * a list) and with a unit right after the digits: a comma is the list separator, so `[1,5]` and `[1,5 MiB]` stay
 * lists.
 * Only the ANTLR path sees this: the fast parser leaves a file with a bad character, or a syntax error, to it.
 */
final class Fractions {
    private Fractions() { }

    /**
     * Reads the `.` at {@code raw[i]} (an ERROR_CHAR) when a number ends right before it and another starts right
     * after it; adds what it stands for to {@code good} and its one diagnostic to {@code diags}. Returns how many
     * tokens after it it took, or -1 when it is not between two numbers (the caller reports a stray character).
     */
    static int read(SourceFile file, List<Token> raw, int i, List<Token> good, int listDepth, List<Diagnostic> diags) {
        Token dot = raw.get(i);
        Token next = i + 1 < raw.size() ? raw.get(i + 1) : null;
        Token before = good.isEmpty() ? null : good.get(good.size() - 1);
        if (!".".equals(dot.getText()) || next == null || next.getType() != ShyLexer.INT || before == null
                || before.getType() != ShyLexer.INT || before.getStopIndex() + 1 != dot.getStartIndex()
                || next.getStartIndex() != dot.getStopIndex() + 1) return -1;
        String whole = before.getText();
        String part = next.getText();
        SourceSpan span = new SourceSpan(file, before.getStartIndex(), next.getStopIndex() + 1);
        if (listDepth > 0) {
            diags.add(Diagnostic.of(Codes.BAD_TOKEN, span, "A range is written with `..`, not `.`.")
                    .hint("Did you mean `" + whole + ".." + part + "`?").build());
            CommonToken range = new CommonToken(dot);
            range.setType(ShyLexer.DOTDOT);
            good.add(range);
            return 0;
        }
        Token unit = i + 2 < raw.size() ? raw.get(i + 2) : null;
        int shift = unit == null || file.line(unit.getStartIndex()) != file.line(next.getStartIndex()) ? -1 : switch (unit.getType()) {
            case ShyLexer.KIB -> 10;
            case ShyLexer.MIB -> 20;
            case ShyLexer.GIB -> 30;
            case ShyLexer.TIB -> 40;
            default -> -1;
        };
        diags.add(Diagnostic.of(Codes.BAD_TOKEN, span, "`" + span.text() + "` has a decimal point; numbers in a .shy file "
                + "are whole.").hint(shift < 0 ? "Addresses, sizes, cores and interrupts are whole numbers: write the value in "
                + "whole units (a size in bytes, or with `KiB`, `MiB`, `GiB`)." : smaller(whole, part, shift)).build());
        good.set(good.size() - 1, new Signs.Unread(before, before.getStartIndex(), next.getStopIndex()));
        return 1;
    }

    /**
     * Reads the `,` at {@code raw[i]} (a COMMA outside any list) when it is a decimal comma in a size: right after the
     * digits of a number that follows `size`, right before more digits, which a unit follows on the same
     * line (`size 1,5 GiB`, `1,5GiB`). Adds its one diagnostic to {@code diags} and keeps the first number, marked
     * unread, so nothing judges it; returns how many tokens after the comma it took (the digits), or -1 when it is not
     * such a comma (the parser then reads it).
     */
    static int comma(SourceFile file, List<Token> raw, int i, List<Token> good, List<Diagnostic> diags) {
        Token comma = raw.get(i);
        Token next = i + 1 < raw.size() ? raw.get(i + 1) : null;
        Token unit = i + 2 < raw.size() ? raw.get(i + 2) : null;
        int n = good.size();
        Token before = n == 0 ? null : good.get(n - 1);
        Token keyword = n < 2 ? null : good.get(n - 2);
        if (next == null || next.getType() != ShyLexer.INT || before == null || before.getType() != ShyLexer.INT
                || keyword == null || keyword.getType() != ShyLexer.SIZE
                || before.getStopIndex() + 1 != comma.getStartIndex() || next.getStartIndex() != comma.getStopIndex() + 1
                || unit == null || file.line(unit.getStartIndex()) != file.line(next.getStartIndex())) return -1;
        int shift = switch (unit.getType()) {
            case ShyLexer.KIB -> 10;
            case ShyLexer.MIB -> 20;
            case ShyLexer.GIB -> 30;
            case ShyLexer.TIB -> 40;
            default -> -1;
        };
        if (shift < 0) return -1;
        String whole = before.getText();
        String part = next.getText();
        SourceSpan span = new SourceSpan(file, before.getStartIndex(), next.getStopIndex() + 1);
        String hint = smaller(whole, part, shift);
        if (part.length() == 3 && part.chars().allMatch(Character::isDigit) && whole.chars().allMatch(Character::isDigit)) {
            // `1,024 MiB` is also how English groups thousands
            hint = "If the comma groups thousands, write `" + whole + "_" + part + " " + unit.getText()
                    + "` (digits are grouped with `_`). If it is a decimal comma: " + hint.substring(0, 1).toLowerCase(Locale.ROOT)
                    + hint.substring(1);
        }
        diags.add(Diagnostic.of(Codes.BAD_TOKEN, span, "`" + span.text() + "` has a decimal comma; numbers in a .shy file "
                + "are whole.").hint(hint).build());
        good.set(n - 1, new Signs.Unread(before, before.getStartIndex(), next.getStopIndex()));
        return 1;
    }

    /** The hint for `WHOLE.PART UNIT` (a unit of 2^shift bytes): the same size in the largest unit it is whole in. */
    private static String smaller(String whole, String part, int shift) {
        String w = whole.replace("_", "");
        String p = part.replace("_", "");
        if (!w.chars().allMatch(Character::isDigit) || !p.chars().allMatch(Character::isDigit) || p.length() > 40) {
            return "Write the size in a smaller unit, as a whole number.";
        }
        BigDecimal bytes = new BigDecimal(w + "." + p).multiply(new BigDecimal(BigInteger.ONE.shiftLeft(shift)));
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int u = 0; u < units.length; u++) {
            int s = 40 - 10 * u;
            if (s >= shift) continue;
            BigDecimal n = bytes.divide(new BigDecimal(BigInteger.ONE.shiftLeft(s)));
            if (n.signum() != 0 && n.stripTrailingZeros().scale() <= 0) {
                return "Write it in a smaller unit: `" + n.toBigInteger() + " " + units[u] + "`.";
            }
        }
        if (bytes.stripTrailingZeros().scale() <= 0) return "Write it in bytes: `" + bytes.toBigInteger() + "`.";
        return "It is not a whole number of bytes; write the size in a smaller unit, as a whole number.";
    }
}
