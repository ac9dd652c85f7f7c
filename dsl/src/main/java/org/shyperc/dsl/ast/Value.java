package org.shyperc.dsl.ast;

import java.math.BigInteger;
import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/** A literal value. */
public sealed interface Value extends Node {

    /** 2^64: the first value that does not fit. */
    BigInteger LIMIT = BigInteger.ONE.shiftLeft(64);

    /**
     * An integer, with its unit already applied. {@code value} is exact; {@link #fits64()} says
     * whether it fits an unsigned 64-bit word (the AstBuilder has reported it if not).
     */
    record IntLit(BigInteger value, Unit unit, SourceSpan span) implements Value {
        public boolean fits64() { return value.signum() >= 0 && value.compareTo(LIMIT) < 0; }

        /** The value as an unsigned 64-bit word; only meaningful when {@link #fits64()}. */
        public long bits() { return value.longValue(); }
    }

    record StrLit(String value, SourceSpan span) implements Value { }

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
     * unit (`16 MB`): the parser reported it, the value is the bare number, and the binder leaves
     * the statement unchecked rather than judge a 16-byte region nobody meant.
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
