package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * A request's position moved across an edit by the {@link Positions.Shift} found once for the
 * pair of texts lands where the per-request comparison it replaced put it, for random edits of
 * random texts; and a buffer makes its shift and line table once.
 */
class PositionShiftProperties {

    /**
     * The comparison requests made before (prefix, then suffix, per request), kept as the
     * oracle: where {@code offset} in {@code now} stood in {@code then}.
     */
    static int perRequest(String then, String now, int offset) {
        int max = Math.min(then.length(), now.length());
        int prefix = 0;
        while (prefix < max && then.charAt(prefix) == now.charAt(prefix)) prefix++;
        if (offset <= prefix) return offset;
        int suffix = 0;
        while (suffix < max - prefix && then.charAt(then.length() - 1 - suffix) == now.charAt(now.length() - 1 - suffix)) suffix++;
        if (offset >= now.length() - suffix) return offset - (now.length() - then.length());
        return prefix;
    }

    /** Texts over three letters, so that an edit's ends often match their neighbours (the overlapping cases). */
    private static Gen<String> texts(int max) {
        return SourceDSL.strings().betweenCodePoints('a', 'c').ofLengthBetween(0, max)
                .map(s -> s.replace('c', '\n'));
    }

    /** At least 1000 different examples; QuickTheories counts repeats without running them, so a tenth more is asked. */
    @Test
    void theShiftMovesEveryOffsetOfRandomEditsAsThePerRequestComparisonDid() {
        QuickTheory.qt().withExamples(1000 + 100).withShrinkCycles(1000).withFixedSeed(15)
                .forAll(texts(40), SourceDSL.integers().between(0, 40), SourceDSL.integers().between(0, 40), texts(12))
                .checkAssert((then, from, length, inserted) -> {
                    int start = Math.min(from, then.length());
                    int end = Math.min(then.length(), start + length);
                    String now = then.substring(0, start) + inserted + then.substring(end);
                    Positions.Shift shift = Positions.Shift.between(then, now);
                    assertEquals(then.equals(now), shift.none(), () -> then + " -> " + now);
                    for (int offset = 0; offset <= now.length(); offset++) {
                        int o = offset;
                        assertEquals(perRequest(then, now, o), shift.before(o), () -> then + " -> " + now + " at " + o);
                    }
                });
    }

    @Test
    void aTable() {
        // then, now, offset in now, offset in then
        Object[][] table = {
            {"abc", "abc", 3, 3},
            {"abc", "aXbc", 1, 1}, {"abc", "aXbc", 2, 1}, {"abc", "aXbc", 3, 2}, {"abc", "aXbc", 4, 3},
            {"aXXbc", "abc", 1, 1}, {"aXXbc", "abc", 2, 4}, {"aXXbc", "abc", 3, 5},
            {"aaa", "aaaa", 4, 3}, {"", "ab", 1, 0}, {"ab", "", 0, 0},
            {"line 1\nsize 64 KiB\n", "line 1\nsize 128 KiB\n", 13, 12}, {"line 1\nsize 64 KiB\n", "line 1\nsize 128 KiB\n", 20, 19},
        };
        for (Object[] row : table) {
            String then = (String) row[0];
            String now = (String) row[1];
            int offset = (Integer) row[2];
            assertEquals(row[3], Positions.Shift.between(then, now).before(offset), () -> then + " -> " + now + " at " + offset);
            assertEquals(row[3], perRequest(then, now, offset));
        }
    }

    @Test
    void aBufferMakesItsShiftAndLineTableOnceAndANewOneForAnotherAnalysisText() {
        Path path = Path.of("/tmp/large.shy").toAbsolutePath();
        Documents.Buffer b = new Documents.Buffer("a\nb\nc\n", 2);
        String then = new String("a\nc\n");
        Positions.Shift first = b.since(then);
        assertSame(first, b.since(then));
        assertEquals(2, first.before(4)); // `c` of the buffer was at 2
        String other = new String("a\nc\n"); // equal text of another analysis: not the same key
        assertNotSame(first, b.since(other));
        assertSame(b.lines(path), b.lines(path));
        assertEquals(4, b.lines(path).lineCount());
        assertEquals(4, Positions.offset(b.lines(path), new org.eclipse.lsp4j.Position(2, 0)));
    }
}
