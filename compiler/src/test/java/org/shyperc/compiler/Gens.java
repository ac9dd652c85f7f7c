package org.shyperc.compiler;

import java.util.Random;
import java.util.function.Function;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;
import org.quicktheories.impl.Constraint;

/** QuickTheories as this module's properties use it, and the generators they share. */
public final class Gens {
    /** Characters a text or JSON handler is most likely to get wrong. */
    private static final String EDGE_CHARS = "\u0000 \"\\\n\r\t\u007f\u0085\u2028\ufeff\ufffd";

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

    /**
     * Any text of up to 255 characters, short ones more often: characters of the Basic
     * Multilingual Plane other than surrogates, private-use characters and noncharacters, with
     * the edge characters above mixed in.
     */
    public static Gen<String> anyString() {
        Gen<Character> chars = Generate.frequency(Pair.of(1, Generate.pick(EDGE_CHARS.chars().mapToObj(c -> (char) c).toList())),
                Pair.of(4, Generate.range(0, BMP_CHARS - 1, 'a').map(Gens::bmpChar)));
        Gen<Integer> lengths = sizes();
        return in -> {
            StringBuilder s = new StringBuilder();
            for (int n = lengths.generate(in); n > 0; n--) s.append(chars.generate(in));
            return s.toString();
        };
    }

    /** Any bytes, up to 255 of them, short arrays more often. */
    public static Gen<byte[]> anyBytes() {
        return Generate.byteArrays(sizes(), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /** 0..255, half the time at most 16. */
    private static Gen<Integer> sizes() {
        return Generate.frequency(Pair.of(1, Generate.range(0, 16)), Pair.of(1, Generate.range(0, 255)));
    }

    /** U+0000..U+D7FF, U+F900..U+FDCF and U+FDF0..U+FFFD, counted as one range. */
    private static final int BMP_CHARS = 0xd800 + (0xfdd0 - 0xf900) + (0xfffe - 0xfdf0);

    private static char bmpChar(int i) {
        if (i < 0xd800) return (char) i;
        i -= 0xd800;
        if (i < 0xfdd0 - 0xf900) return (char) (0xf900 + i);
        return (char) (0xfdf0 + i - (0xfdd0 - 0xf900));
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
