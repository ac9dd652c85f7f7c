package org.shyperc.dsl.parse;

import java.math.BigInteger;
import java.util.List;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.parser.ShyParser;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** Literal text to values, shared by both parsers so they cannot disagree. */
final class Literals {
    private Literals() { }

    /**
     * An INT token (and its unit token type, or -1) as a value; {@code span} covers both. Null after
     * reporting when there are no digits; a value of 2^64 or more is kept and reported.
     */
    static Value.IntLit intLit(String text, int unitType, SourceSpan span, List<Diagnostic> diags) {
        return intLit(text, 0, text.length(), unitType, span.file(), span.start(), span.end(), diags);
    }

    /**
     * The same for the INT token at text[start, end), read in place (a big file has a million numbers); the
     * literal with its unit is at [from, to) of {@code file}. A span object is made only for a message.
     */
    static Value.IntLit intLit(String src, int start, int end, int unitType, SourceFile file, int from, int to,
                               List<Diagnostic> diags) {
        long fast = plainLong(src, start, end);
        if (fast >= 0) {
            Value.Unit unit = unit(unitType);
            long hi = Math.multiplyHigh(fast, unit.factor);
            if (hi == 0 && fast * unit.factor >= 0) return new Value.IntLit(fast * unit.factor, null, unit, file, from, to);
        }
        SourceSpan span = new SourceSpan(file, from, to);
        String text = src.substring(start, end);
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
        Value.Unit unit = unit(unitType);
        if (unit != Value.Unit.NONE) v = v.multiply(BigInteger.valueOf(unit.factor));
        Value.IntLit lit = new Value.IntLit(v, unit, span);
        if (!lit.fits64()) {
            diags.add(Diagnostic.of(Codes.INT_OVERFLOW, span, "`" + span.text()
                    + "` does not fit in 64 bits.").hint("The largest value is 0xffff_ffff_ffff_ffff.").build());
        }
        return lit;
    }

    /** A unit token's type as a unit; an identifier there is a word that is no unit (AstBuilder). */
    private static Value.Unit unit(int unitType) {
        return switch (unitType) {
            case -1 -> Value.Unit.NONE;
            case ShyParser.KIB -> Value.Unit.KIB;
            case ShyParser.MIB -> Value.Unit.MIB;
            case ShyParser.GIB -> Value.Unit.GIB;
            case ShyParser.IDENT -> Value.Unit.UNKNOWN;
            default -> Value.Unit.TIB;
        };
    }

    /**
     * A hex or decimal number that fits 62 bits, read in place, its `_` separators skipped (addresses
     * are written `0x4000_0000`); -1 for anything else (binary, no digits, large), which the general
     * path handles and reports.
     */
    private static long plainLong(String s, int start, int end) {
        boolean hex = end - start > 2 && s.charAt(start) == '0' && s.charAt(start + 1) == 'x';
        int radix = hex ? 16 : 10;
        int most = hex ? 15 : 18;
        long v = 0;
        int digits = 0;
        for (int k = hex ? start + 2 : start; k < end; k++) {
            char ch = s.charAt(k);
            if (ch == '_') continue;
            int d = Character.digit(ch, radix);
            if (d < 0 || ++digits > most) return -1;
            v = v * radix + d;
        }
        return digits == 0 ? -1 : v;
    }

    /**
     * The escapes a string may use, after the backslash. No `\0`: every string ends up in a
     * device tree, a C string or a file name, where a NUL would silently end it.
     */
    static final String ESCAPES = "\"\\nt";

    /**
     * A control character a string cannot hold as itself: C0 but the tab (a line break ends the string), DEL and C1.
     * Written raw into a device tree's `bootargs`, a U-Boot script or a file name it is invisible in the .shy file
     * and does what the reader of that output makes of it (an escape sequence on a console, a cut line); the tab is
     * white space a string may hold, as `\t` or as itself.
     */
    static boolean isControl(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f;
    }

    /**
     * Unicode's Bidi_Control characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069): invisible, they make
     * an editor or a review tool show the text around them in another order than the compiler reads it ("Trojan
     * Source", CVE-2021-42574). No .shy file needs one: refused in strings here and in comments by the scanner.
     */
    static boolean isBidi(char c) {
        return c >= 0x200e && (c <= 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) || c == 0x061c;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) if (isControl(s.charAt(i)) || isBidi(s.charAt(i))) return true;
        return false;
    }

    /** SHY0108 for a Bidi_Control character at {@code at}, in a string or a comment. */
    static Diagnostic bidiControl(char c, SourceSpan at, String where) {
        return Diagnostic.of(Codes.BIDI_CONTROL, at, String.format("The %s holds the invisible bidirectional-text "
                + "control U+%04X, which makes editors show the text around it in another order than shyperc reads it.",
                where, (int) c))
                .hint("Delete it: no .shy file needs one (\"Trojan Source\", CVE-2021-42574).").build();
    }

    private static Diagnostic controlCharacter(char c, SourceSpan at) {
        String name = switch (c) {
            case 0x08 -> " (backspace)";
            case 0x0b -> " (vertical tab)";
            case 0x0c -> " (form feed)";
            case 0x1b -> " (escape)";
            case 0x7f -> " (delete)";
            default -> "";
        };
        return Diagnostic.of(Codes.CONTROL_CHARACTER, at, String.format("The string holds the control character U+%04X%s, "
                + "which a .shy string cannot hold.", (int) c, name))
                .hint("Delete it. A string writes a line break as `\\n` and a tab as `\\t`; no other control character "
                        + "has a way in, as no device tree, command line or file name needs one.").build();
    }

    /**
     * For a string that reads as a Windows path (`..\\images\\Image`: no space, no quote), the hint's second sentence:
     * the same path with `/` between its folders, which is what a .shy path means on every host. "Write `\\\\`" alone
     * led to a file name holding a backslash, which does not exist on Linux either.
     */
    private static String windowsPath(String body) {
        // a path has folders (two separators) or a file name's dot or a drive's colon; `"a\x41"` is no path
        if (body.indexOf('\\') == body.lastIndexOf('\\') && body.indexOf('.') < 0 && body.indexOf(':') < 0) return "";
        String slashed = org.shyperc.dsl.diag.WindowsPaths.slashed(body);
        return slashed == null ? "" : " If it is a path, separate its folders with `/`, on Windows too: `\"" + slashed + "\"`.";
    }

    /**
     * The value of a STRING token: quotes dropped, escapes applied. The lexer takes a backslash and
     * any character after it, so a wrong escape is one error here, at the escape, rather than a
     * string cut short and everything after it misread.
     */
    static String unescape(String raw, SourceSpan span, List<Diagnostic> diags) {
        String body = raw.length() >= 2 ? raw.substring(1, raw.length() - 1) : "";
        if (body.indexOf('\\') < 0 && !hasControl(body)) return body;
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (isBidi(ch)) {
                diags.add(bidiControl(ch, new SourceSpan(span.file(), span.start() + 1 + i, span.start() + 2 + i), "string"));
                continue; // left out, as a control character is
            }
            if (isControl(ch)) {
                diags.add(controlCharacter(ch, new SourceSpan(span.file(), span.start() + 1 + i, span.start() + 2 + i)));
                continue; // left out, as if not written: the rest of the string is still read
            }
            if (ch == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                if (ESCAPES.indexOf(e) < 0) {
                    int at = span.start() + i; // the backslash: the opening quote is at span.start()
                    int len = Character.isHighSurrogate(e) && i + 1 < body.length() ? 2 : 1;
                    String esc = "\\" + body.substring(i, i + len);
                    diags.add(e == '0'
                            ? Diagnostic.of(Codes.BAD_TOKEN, new SourceSpan(span.file(), at, at + 2),
                                    "A string cannot hold a NUL character (`\\0`).")
                                    .hint("Device trees, C strings and file names end at a NUL, so the rest of the "
                                            + "string would be lost; for a device tree's list of strings write a list: "
                                            + "`compatible \"a\", \"b\"`.").build()
                            : Diagnostic.of(Codes.BAD_TOKEN, new SourceSpan(span.file(), at, at + 1 + len),
                                    "The string has an unknown escape `" + esc + "`.")
                                    .hint("A string may use `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash."
                                            + windowsPath(body))
                                    .build());
                    if (e != '0') b.append(body, i, i + len); // the NUL is left out, as if not written
                    i += len - 1;
                    continue;
                }
                b.append(switch (e) { case 'n' -> '\n'; case 't' -> '\t'; default -> e; });
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
