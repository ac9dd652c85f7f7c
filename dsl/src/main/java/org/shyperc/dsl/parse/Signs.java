package org.shyperc.dsl.parse;

import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.parser.ShyLexer;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * What a `-` or `+` before a number was meant to be; the language has neither. Read as a stray character,
 * `@ -1` left the number 1 behind to be judged (misaligned, outside RAM) and `[1-3]` a list missing its
 * comma: one slip, two or three errors. Here each is one error, and the number is kept but marked
 * {@link Unread}, so nothing judges it (as a size whose unit could not be read, `16 MB`):
 * <ul>
 * <li>`-1`, `+1` (not after a number): a sign;</li>
 * <li>`1-3` inside a list: a range, read as `1..3`, which is what was meant;</li>
 * <li>`0x4000_0000-0x1000` elsewhere, or `+`: arithmetic, which .shy does not have.</li>
 * </ul>
 * Only the ANTLR path sees this: the fast parser leaves a file with a bad character to it.
 */
final class Signs {
    private Signs() { }

    /** An INT the parser reported already: its literal gets {@code Value.Unit.UNKNOWN} and is left unchecked. */
    static final class Unread extends CommonToken {
        Unread(Token digits, int start, int stop) {
            super(digits);
            setText(digits.getText()); // the digits alone: the literal's value is read from them
            setStartIndex(start);
            setStopIndex(stop);
        }
    }

    /**
     * Reads the `-` or `+` at {@code raw[i]} (an ERROR_CHAR); adds what it stands for to {@code good} (the tokens
     * kept so far, the last one the token before it) and its one diagnostic to {@code diags}. Returns how many
     * tokens after it it took too, or -1 when it is not next to a number (the caller reports a stray character).
     */
    static int read(SourceFile file, List<Token> raw, int i, List<Token> good, int listDepth, List<Diagnostic> diags) {
        Token sign = raw.get(i);
        Token next = i + 1 < raw.size() ? raw.get(i + 1) : null;
        boolean minus = "-".equals(sign.getText());
        if (!minus && !"+".equals(sign.getText()) || next == null || next.getType() != ShyLexer.INT
                || file.line(next.getStartIndex()) != file.line(sign.getStartIndex())) return -1;
        int at = numberBefore(file, good, sign);
        if (at < 0) {
            SourceSpan span = new SourceSpan(file, sign.getStartIndex(), next.getStopIndex() + 1);
            diags.add(Diagnostic.of(Codes.BAD_TOKEN, span, "The number `" + span.text() + "` has a " + (minus ? "minus" : "plus")
                    + " sign; numbers in a .shy file have none and are never negative.")
                    .hint(minus ? "Addresses, sizes, cores and interrupts count up from 0: write the value itself, an address "
                            + "in hex (`0x8000_0000`)." : "Drop the `+`.").build());
            good.add(new Unread(next, sign.getStartIndex(), next.getStopIndex()));
            return 1;
        }
        Token before = good.get(at);
        SourceSpan span = new SourceSpan(file, before.getStartIndex(), next.getStopIndex() + 1);
        if (minus && listDepth > 0 && at == good.size() - 1) {
            String from = file.text().substring(before.getStartIndex(), before.getStopIndex() + 1);
            diags.add(Diagnostic.of(Codes.BAD_TOKEN, span, "A range is written with `..`, not `-`.")
                    .hint("Did you mean `" + from + ".." + next.getText() + "`?").build());
            CommonToken range = new CommonToken(sign);
            range.setType(ShyLexer.DOTDOT);
            good.add(range);
            return 0;
        }
        // the second number's unit goes with it (`16 MiB+16 MiB`); the first's keeps its place, marked with its number
        Token unit = i + 2 < raw.size() ? raw.get(i + 2) : null;
        boolean withUnit = unit != null && isUnit(unit.getType()) && file.line(unit.getStartIndex()) == file.line(next.getStartIndex());
        Token last = withUnit ? unit : next;
        span = new SourceSpan(file, before.getStartIndex(), last.getStopIndex() + 1);
        diags.add(Diagnostic.of(Codes.BAD_TOKEN, span, "`" + span.text() + "` is " + (minus ? "a subtraction" : "an addition")
                + ", and a .shy file has no arithmetic.").hint("Write the value itself.").build());
        good.set(at, new Unread(before, before.getStartIndex(), at == good.size() - 1 ? last.getStopIndex() : before.getStopIndex()));
        return withUnit ? 2 : 1;
    }

    /** Where in {@code good} the number right before {@code sign} on its line starts (its unit may follow it), or -1. */
    private static int numberBefore(SourceFile file, List<Token> good, Token sign) {
        int k = good.size() - 1;
        if (k >= 0 && isUnit(good.get(k).getType())) k--;
        if (k < 0 || good.get(k).getType() != ShyLexer.INT) return -1;
        return file.line(good.get(k).getStartIndex()) == file.line(sign.getStartIndex()) ? k : -1;
    }

    private static boolean isUnit(int type) {
        return type == ShyLexer.KIB || type == ShyLexer.MIB || type == ShyLexer.GIB || type == ShyLexer.TIB;
    }
}
