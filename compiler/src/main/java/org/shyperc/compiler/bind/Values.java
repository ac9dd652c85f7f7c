package org.shyperc.compiler.bind;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Reads literal values as the binder needs them, reporting type and unit errors. A value that
 * can still be taken as a number (an address written with a unit, a size whose unit the parser
 * could not read) is returned after reporting, so its item stays in the model; one that cannot
 * (too large, out of range, not a number) comes back as null (or is left out of a list). Either
 * way {@link #unread()} counts it: the binder marks the item unreadable, and no check judges it.
 */
final class Values {
    private final List<Diagnostic> out;
    private final java.util.Set<SourceSpan> unreadable;
    private int unread;

    Values(List<Diagnostic> out, java.util.Set<SourceSpan> unreadable) {
        this.out = out;
        this.unreadable = unreadable;
    }

    /** How many values could not be read as written so far: take it before reading an item's values. */
    int unread() { return unread; }

    /** Marks the item at {@code item} unreadable when a value was not read as written since {@code before}. */
    void markIfUnread(int before, SourceSpan item) {
        if (unread != before) unreadable.add(item);
    }

    /** Items another reader found unreadable (one VM bound on its own), now this one's too. */
    void markUnreadable(java.util.Collection<SourceSpan> items) { unreadable.addAll(items); }

    void report(Diagnostic d) { out.add(d); }

    /** Reports a value that cannot be read as written (counted, like a number with a wrong unit). */
    void reportUnread(Diagnostic d) {
        unread++;
        out.add(d);
    }

    /** An address: a plain number (a unit would make it a size). */
    Long address(Value.IntLit v, String what) { return readAddress(v, what) ? Long.valueOf(v.bits()) : null; }

    /** The same, 0 when it cannot be read: no box (a big file has a few hundred thousand numbers). */
    long addressOrZero(Value.IntLit v, String what) { return readAddress(v, what) ? v.bits() : 0; }

    /** Whether the address can be read; reports and counts it when not. */
    private boolean readAddress(Value.IntLit v, String what) {
        if (!readable(v)) return false;
        if (groupedAsHex(v)) {
            String text = v.file().text().substring(v.start(), digitsEnd(v));
            reportUnread(Diagnostic.of(Codes.DECIMAL_ADDRESS, v.span(), "The " + what + " `" + text + "` is the decimal number "
                    + Long.toUnsignedString(v.bits()) + " (" + Hex.of(v.bits())
                    + "), but its digits are grouped in fours, as a hex address's are.")
                    .hint("Did you mean `0x" + text + "`? To mean decimal, group the digits in threes.")
                    .build());
        } else if (alignedOnlyAsHex(v)) {
            String text = v.file().text().substring(v.start(), digitsEnd(v));
            reportUnread(Diagnostic.of(Codes.DECIMAL_ADDRESS, v.span(), "The " + what + " `" + text + "` is the decimal number "
                    + Long.toUnsignedString(v.bits()) + " (" + Hex.of(v.bits()) + "), which is not 4 KiB aligned; read as hex, "
                    + "it would be.")
                    .hint("Did you mean `0x" + text + "`?")
                    .build());
        }
        if (v.unit() == Value.Unit.UNKNOWN) {
            unread++; // the parser reported the word after the number
        } else if (v.unit() != Value.Unit.NONE) {
            unread++;
            out.add(Diagnostic.of(Codes.TYPE, v.span(), "The " + what + " `" + v.span().text()
                    + "` is an address, but it carries the size unit `" + v.unit().symbol() + "`.")
                    .hint("Write the address as a plain number, for example `0x" + Long.toHexString(v.bits()) + "`.")
                    .build());
        }
        return true;
    }

    /**
     * `4000_0000`: no `0x`, and every group of digits after the first `_` four long. Reads the literal's own text
     * (no span is made: a big file has a few hundred thousand addresses, almost all `0x`).
     */
    private static boolean groupedAsHex(Value.IntLit v) {
        if (v.file() == null) return false;
        String s = v.file().text();
        int end = digitsEnd(v);
        if (end - v.start() < 6 || s.charAt(v.start()) == '0' && !Character.isDigit(s.charAt(v.start() + 1))) return false;
        int group = -1; // digits since the last `_`; -1 before the first
        for (int i = v.start(); i < end; i++) {
            if (s.charAt(i) != '_') {
                if (group >= 0) group++;
            } else if (group == -1 || group == 4) {
                group = 0;
            } else {
                return false;
            }
        }
        return group == 4;
    }

    /**
     * Plain decimal digits, no `_`, at least four, ending in `000`, whose value is not a multiple of 4 KiB: `@ 40000000`
     * (0x0262_5a00) is misaligned as the decimal it is and page aligned as the hex it was surely meant to be. Only
     * misaligned values: `@ 8192` may well mean decimal.
     */
    private static boolean alignedOnlyAsHex(Value.IntLit v) {
        if (v.file() == null || (v.bits() & 0xfff) == 0) return false;
        String s = v.file().text();
        int end = digitsEnd(v);
        if (end - v.start() < 4 || !s.startsWith("000", end - 3)) return false;
        for (int i = v.start(); i < end; i++) if (s.charAt(i) == '_') return false;
        return s.charAt(v.start()) != '0';
    }

    /** Where the literal's digits (and `_`s) end: before a unit written against it, or the end of its span. */
    private static int digitsEnd(Value.IntLit v) {
        String s = v.file().text();
        int i = v.start();
        while (i < v.end() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        return i;
    }

    /** A size in bytes: with a unit, or a plain byte count. */
    Long size(Value.IntLit v) { return readSize(v) ? Long.valueOf(v.bits()) : null; }

    /** The same, 0 when it cannot be read: no box. */
    long sizeOrZero(Value.IntLit v) { return readSize(v) ? v.bits() : 0; }

    /**
     * Says SHY0210 when the size of a RAM or shared region, which is whole pages, is a plain decimal number under
     * 4 KiB: a unit forgotten (`size 64`). Counted as a value not read as written, so the region is left out of every
     * judgment (its misalignment, a kernel that does not fit): the one error says the cause.
     */
    void unitForgotten(Value.IntLit v, String what) {
        if (v == null || v.file() == null || !v.fits64() || v.unit() != Value.Unit.NONE || v.bits() <= 0 || v.bits() >= 4096) return;
        String src = v.file().text();
        int end = digitsEnd(v);
        if (end < v.end() && src.charAt(v.start()) == '0' && (src.charAt(end) == 'x' || src.charAt(end) == 'b')) return; // hex, binary: bytes on purpose
        String text = src.substring(v.start(), end);
        reportUnread(Diagnostic.of(Codes.SIZE_WITHOUT_UNIT, v.span(), "The size `" + text + "` of " + what
                + " has no unit, so it is " + text + (v.bits() == 1 ? " byte" : " bytes") + ", less than the page a region is made of.")
                .hint("Did you mean `" + text + " MiB`? A size without a unit is a byte count; the units are `KiB`, `MiB`, "
                        + "`GiB` and `TiB`.")
                .build());
    }

    private boolean readSize(Value.IntLit v) {
        if (!readable(v)) return false;
        if (v.unit() == Value.Unit.UNKNOWN) unread++;
        return true;
    }

    /** False (and counted) for a number beyond 64 bits, which the parser reported. */
    private boolean readable(Value.IntLit v) {
        if (v == null) return false;
        if (v.fits64()) return true;
        unread++;
        return false;
    }

    /** A small count or index (no unit, at most {@code max}). */
    Integer count(Value.IntLit v, String what, long max) {
        return readCount(v, what, max) ? Integer.valueOf((int) v.bits()) : null;
    }

    /** The same, 0 when it cannot be read: no box (interrupts are above the 127 Integer keeps). */
    int countOrZero(Value.IntLit v, String what, long max) { return readCount(v, what, max) ? (int) v.bits() : 0; }

    private boolean readCount(Value.IntLit v, String what, long max) {
        if (!readable(v)) return false;
        if (v.unit() == Value.Unit.UNKNOWN) {
            unread++;
            return false;
        }
        if (v.unit() != Value.Unit.NONE) {
            unread++;
            out.add(Diagnostic.of(Codes.TYPE, v.span(), "The " + what + " `" + v.span().text()
                    + "` is a number, not a size.").hint("Drop the unit `" + v.unit().symbol() + "`.").build());
            return false;
        }
        if (Long.compareUnsigned(v.bits(), max) > 0) {
            unread++;
            out.add(Diagnostic.of(Codes.RANGE, v.span(), "The " + what + " " + Long.toUnsignedString(v.bits())
                    + " is larger than " + max + ".").build());
            return false;
        }
        return true;
    }

    Integer count(Value v, String what, long max) {
        if (v instanceof Value.IntLit i) return count(i, what, max);
        if (v != null) typeError(v, what, "a number");
        return null;
    }

    /** A list of small numbers where `a..b` ranges expand; each element keeps its span. */
    List<Ranged> numbers(Value v, String what, long max) {
        List<Ranged> result = new ArrayList<>();
        if (v == null) return result;
        if (v instanceof Value.IntLit i) {
            Integer n = count(i, what, max);
            if (n != null) result.add(new Ranged(n, i.span()));
            return result;
        }
        if (!(v instanceof Value.ListLit list)) {
            typeError(v, what, "a number or a list of numbers");
            return result;
        }
        for (Value item : list.items()) {
            if (item instanceof Value.RangeLit r) {
                Integer from = count(r.from(), what, max);
                Integer to = count(r.to(), what, max);
                if (from == null || to == null) continue;
                if (to < from) {
                    unread++;
                    out.add(Diagnostic.of(Codes.RANGE, r.span(), "The range `" + r.span().text() + "` is empty.")
                            .hint("Write the smaller number first: `" + to + ".." + from + "`.").build());
                    continue;
                }
                for (int k = from; k <= to; k++) result.add(new Ranged(k, r.span()));
            } else if (item instanceof Value.IntLit i) {
                Integer n = count(i, what, max);
                if (n != null) result.add(new Ranged(n, i.span()));
            } else {
                typeError(item, what, "a number");
            }
        }
        return result;
    }

    /** 64-bit values in a list (MPIDRs, property cells). */
    List<Long> longs(Value.ListLit list, String what) {
        List<Long> result = new ArrayList<>();
        for (Value item : list.items()) {
            if (item instanceof Value.IntLit i && i.fits64()) result.add(i.bits());
            else if (item instanceof Value.RangeLit r && r.from().fits64() && r.to().fits64()
                    && Long.compareUnsigned(r.from().bits(), r.to().bits()) <= 0 && r.to().bits() - r.from().bits() < 4096) {
                for (long k = r.from().bits(); k <= r.to().bits(); k++) result.add(k);
            } else if (!(item instanceof Value.IntLit)) {
                typeError(item, what, "a number");
            }
        }
        return result;
    }

    String string(Value v, String what) {
        if (v instanceof Value.StrLit s) return s.value();
        if (v != null) typeError(v, what, "a string");
        return null;
    }

    String name(Value v, String what) {
        if (v instanceof Value.NameRef n) return n.name().text();
        if (v != null) typeError(v, what, "a name");
        return null;
    }

    void typeError(Value v, String what, String expected) {
        unread++;
        out.add(Diagnostic.of(Codes.TYPE, v.span(), "The " + what + " must be " + expected + ", but `"
                + abbreviate(v.span()) + "` is " + describe(v) + ".").build());
    }

    static String describe(Value v) {
        if (v instanceof Value.IntLit i) return i.unit() == Value.Unit.NONE ? "a number" : "a size";
        if (v instanceof Value.StrLit) return "a string";
        if (v instanceof Value.ListLit) return "a list";
        if (v instanceof Value.RangeLit) return "a range";
        return "a name";
    }

    static String abbreviate(SourceSpan s) {
        String t = s.text();
        return t.length() > 40 ? t.substring(0, 37) + "..." : t;
    }

    /** A number with the place it was written. */
    record Ranged(int value, SourceSpan span) { }
}
