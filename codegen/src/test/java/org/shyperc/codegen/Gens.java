package org.shyperc.codegen;

import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

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

    /** Strings of {@code minLength..maxLength} characters, each one of {@code chars}. */
    public static Gen<String> stringsOf(String chars, int minLength, int maxLength) {
        return strings(Generate.range(0, chars.length() - 1).map(chars::charAt), Generate.range(minLength, maxLength));
    }

    /** Strings of {@code minLength..maxLength} characters, each in {@code first..last}. */
    public static Gen<String> stringsBetween(char first, char last, int minLength, int maxLength) {
        return strings(Generate.range(first, last).map(c -> (char) c.intValue()), Generate.range(minLength, maxLength));
    }

    /**
     * Any text of up to 255 characters, short ones more often: characters of the Basic
     * Multilingual Plane other than surrogates, private-use characters and noncharacters, with
     * the edge characters above mixed in.
     */
    public static Gen<String> anyString() {
        Gen<Character> chars = Generate.frequency(Pair.of(1, Generate.pick(EDGE_CHARS.chars().mapToObj(c -> (char) c).toList())),
                Pair.of(4, Generate.range(0, BMP_CHARS - 1, 'a').map(Gens::bmpChar)));
        return strings(chars, sizes());
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

    private static Gen<String> strings(Gen<Character> chars, Gen<Integer> lengths) {
        return in -> {
            StringBuilder s = new StringBuilder();
            for (int n = lengths.generate(in); n > 0; n--) s.append(chars.generate(in));
            return s.toString();
        };
    }
}
