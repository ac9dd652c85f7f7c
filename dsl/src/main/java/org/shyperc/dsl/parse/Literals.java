package org.shyperc.dsl.parse;

import java.math.BigInteger;
import java.util.List;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.parser.ShyParser;
import org.shyperc.dsl.source.SourceSpan;

/** Literal text to values, shared by both parsers so they cannot disagree. */
final class Literals {
    private Literals() { }

    /**
     * An INT token (and its unit token type, or -1) as a value; {@code span} covers both. Null after
     * reporting when there are no digits; a value of 2^64 or more is kept and reported.
     */
    static Value.IntLit intLit(String text, int unitType, SourceSpan span, List<Diagnostic> diags) {
        String digits = text.indexOf('_') < 0 ? text : text.replace("_", "");
        BigInteger v;
        try {
            // most numbers fit a long: parse those without BigInteger's slower path
            if (digits.startsWith("0x")) {
                v = digits.length() <= 17 ? BigInteger.valueOf(Long.parseLong(digits, 2, digits.length(), 16))
                        : new BigInteger(digits.substring(2), 16);
            } else if (digits.startsWith("0b")) {
                v = new BigInteger(digits.substring(2), 2);
            } else {
                v = digits.length() <= 18 ? BigInteger.valueOf(Long.parseLong(digits)) : new BigInteger(digits);
            }
        } catch (NumberFormatException e) {
            diags.add(Diagnostic.of(Codes.BAD_TOKEN, span, "`" + text + "` has no digits.").build());
            return null;
        }
        Value.Unit unit = switch (unitType) {
            case -1 -> Value.Unit.NONE;
            case ShyParser.KIB -> Value.Unit.KIB;
            case ShyParser.MIB -> Value.Unit.MIB;
            case ShyParser.GIB -> Value.Unit.GIB;
            default -> Value.Unit.TIB;
        };
        if (unit != Value.Unit.NONE) v = v.multiply(BigInteger.valueOf(unit.factor));
        Value.IntLit lit = new Value.IntLit(v, unit, span);
        if (!lit.fits64()) {
            diags.add(Diagnostic.of(Codes.INT_OVERFLOW, span, "`" + span.text()
                    + "` does not fit in 64 bits.").hint("The largest value is 0xffff_ffff_ffff_ffff.").build());
        }
        return lit;
    }

    /** The value of a STRING token: quotes dropped, escapes applied. */
    static String unescape(String raw) {
        String body = raw.length() >= 2 ? raw.substring(1, raw.length() - 1) : "";
        if (body.indexOf('\\') < 0) return body;
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                b.append(switch (e) { case 'n' -> '\n'; case 't' -> '\t'; case '0' -> '\0'; default -> e; });
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
