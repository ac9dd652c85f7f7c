package org.shyperc.dsl.ast;

import java.math.BigInteger;
import java.util.List;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** A literal value. */
public sealed interface Value extends Node {

    /** 2^64: the first value that does not fit. */
    BigInteger LIMIT = BigInteger.ONE.shiftLeft(64);

    /**
     * An integer, with its unit already applied: the unsigned 64-bit word {@code bits}, or, for a value of 2^64
     * or more (which the parser has reported), the exact value in {@code tooLarge} (null otherwise). A big file
     * has a million numbers, so the common case holds no BigInteger, and the literal holds its offsets itself
     * rather than a {@link SourceSpan} of its own: {@link #span()} makes one when asked (see {@link Node}).
     */
    record IntLit(long bits, BigInteger tooLarge, Unit unit, SourceFile file, int start, int end) implements Value {
        public IntLit {
            if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
            if (tooLarge != null) {
                if (tooLarge.signum() < 0) throw new IllegalArgumentException("negative literal " + tooLarge);
                if (tooLarge.compareTo(LIMIT) < 0) {
                    bits = tooLarge.longValue();
                    tooLarge = null;
                }
            }
        }

        public IntLit(long bits, BigInteger tooLarge, Unit unit, SourceSpan span) {
            this(bits, tooLarge, unit, span.file(), span.start(), span.end());
        }

        /** The exact value, whatever its size. */
        public IntLit(BigInteger value, Unit unit, SourceSpan span) {
            this(value.longValue(), value, unit, span);
        }

        /** A value below 2^64 as its unsigned 64-bit word. */
        public IntLit(long bits, Unit unit, SourceSpan span) {
            this(bits, null, unit, span);
        }

        @Override
        public SourceSpan span() { return new SourceSpan(file, start, end); }

        public boolean fits64() { return tooLarge == null; }

        /** The exact value (a new BigInteger: for messages, not for the hot path). */
        public BigInteger value() {
            if (tooLarge != null) return tooLarge;
            return bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).add(LIMIT);
        }
    }

    /** A string, its offsets held like {@link IntLit}'s. */
    record StrLit(String value, SourceFile file, int start, int end) implements Value {
        public StrLit {
            if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
        }

        public StrLit(String value, SourceSpan span) {
            this(value, span.file(), span.start(), span.end());
        }

        @Override
        public SourceSpan span() { return new SourceSpan(file, start, end); }
    }

    record ListLit(List<Value> items, SourceSpan span) implements Value {
        public ListLit { items = List.copyOf(items); }
    }

    /** {@code from..to}, inclusive, only inside lists. */
    record RangeLit(IntLit from, IntLit to, SourceSpan span) implements Value { }

    record NameRef(Ident name) implements Value {
        @Override
        public SourceSpan span() { return name.span(); }
    }

    /**
     * Binary units; NONE for a plain number. UNKNOWN is a word right after the number that is no
     * unit (`16 MB`), or a sign next to it (`-1`, `0x1000-1`: the language has none): the parser
     * reported it, the value is the bare number, and the binder leaves the statement unchecked
     * rather than judge a 16-byte region or an address 1 nobody meant.
     */
    enum Unit {
        NONE(1), KIB(1L << 10), MIB(1L << 20), GIB(1L << 30), TIB(1L << 40), UNKNOWN(1);

        public final long factor;

        Unit(long factor) { this.factor = factor; }

        public String symbol() {
            return switch (this) {
                case NONE -> "";
                case KIB -> "KiB";
                case MIB -> "MiB";
                case GIB -> "GiB";
                case TIB -> "TiB";
                case UNKNOWN -> "?";
            };
        }
    }
}
