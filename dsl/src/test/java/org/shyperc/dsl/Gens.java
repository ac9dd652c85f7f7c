package org.shyperc.dsl;

import java.util.Random;
import java.util.function.Function;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;
import org.quicktheories.impl.Constraint;

/** QuickTheories as this module's properties use it, and the generators they share. */
public final class Gens {
    private Gens() { }

    /**
     * A theory that runs at least {@code tries} different examples. QuickTheories counts a repeat
     * (the same draws, so the same value) without running it again: its first two examples (every
     * draw at its shrink target, then at its minimum) usually coincide, and small values such as an
     * empty string come up more than once. A tenth more, and two, cover that.
     */
    public static QuickTheory qt(int tries) {
        return QuickTheory.qt().withExamples(tries + tries / 10 + 2);
    }

    /** Values made by code written against {@link Random}: its bits come from QuickTheories, so they shrink. */
    public static <T> Gen<T> fromRandom(Function<Random, T> make) {
        return in -> make.apply(new DrawnRandom(in));
    }

    /** Strings of {@code minLength..maxLength} characters, each one of {@code chars}. */
    public static Gen<String> stringsOf(String chars, int minLength, int maxLength) {
        return strings(Generate.range(0, chars.length() - 1).map(chars::charAt), minLength, maxLength);
    }

    /** Strings of {@code minLength..maxLength} characters, each in {@code first..last}. */
    public static Gen<String> stringsBetween(char first, char last, int minLength, int maxLength) {
        return strings(Generate.range(first, last).map(c -> (char) c.intValue()), minLength, maxLength);
    }

    private static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        Gen<Integer> lengths = Generate.range(minLength, maxLength);
        return in -> {
            StringBuilder s = new StringBuilder();
            for (int n = lengths.generate(in); n > 0; n--) s.append(chars.generate(in));
            return s.toString();
        };
    }

    /**
     * A {@link Random} whose every {@code next(bits)}, and every {@code nextInt(bound)}, is one draw
     * from QuickTheories: a bounded draw of its own shrinks towards 0, where {@code next(31) % bound}
     * would jump about.
     */
    private static final class DrawnRandom extends Random {
        private static final Constraint[] BITS = new Constraint[33];

        static {
            for (int b = 1; b <= 32; b++) BITS[b] = Constraint.between(0, (1L << b) - 1);
        }

        private final transient RandomnessSource source;

        DrawnRandom(RandomnessSource source) {
            super(0);
            this.source = source;
        }

        @Override
        protected int next(int bits) {
            return (int) source.next(BITS[bits]);
        }

        @Override
        public int nextInt(int bound) {
            if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
            return (int) source.next(Constraint.between(0, bound - 1));
        }
    }
}
