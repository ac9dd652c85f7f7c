package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.shyperc.dsl.source.SourceFile;

/**
 * A request's position placed in the new text and moved across an edit by the {@link Shift}
 * found once for the pair of texts lands where the per-request line table and comparison it
 * replaced put it, for random edits of random texts, compared whole or by blocks of any size;
 * and a buffer finds its shift once.
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

    /**
     * Texts of two letters and the line ends '\n' and '\r', so that an edit's ends often match
     * their neighbours (the overlapping cases) and lines often start and end at the edit.
     */
    private static Gen<String> texts(int max) {
        return SourceDSL.strings().betweenCodePoints('a', 'd').ofLengthBetween(0, max)
                .map(s -> s.replace('c', '\n').replace('d', '\r'));
    }

    /** At least 1000 different examples; QuickTheories counts repeats without running them, so a tenth more is asked. */
    @Test
    void theShiftPlacesAndMovesEveryPositionOfRandomEditsAsThePerRequestWorkDid() {
        QuickTheory.qt().withExamples(1000 + 100).withShrinkCycles(1000).withFixedSeed(15)
                .forAll(texts(40), SourceDSL.integers().between(0, 40 * 41), texts(12), SourceDSL.integers().between(1, 6))
                .checkAssert((then, edit, inserted, block) -> {
                    int start = Math.min(edit % 41, then.length());
                    int end = Math.min(then.length(), start + edit / 41);
                    String now = then.substring(0, start) + inserted + then.substring(end);
                    SourceFile old = SourceFile.of("then.shy", then);
                    SourceFile fresh = SourceFile.of("now.shy", now);
                    // whole texts (one block larger than both) and blocks of 1-6 characters
                    for (Shift shift : List.of(Shift.between(old, now), Shift.between(old, now, block))) {
                        String edited = then + " -> " + now + " by " + block;
                        assertEquals(then.equals(now), shift.none(), edited);
                        for (int offset = 0; offset <= now.length(); offset++) {
                            int o = offset;
                            assertEquals(perRequest(then, now, o), shift.before(o), () -> edited + " at " + o);
                        }
                        assertEquals(fresh.lineCount(), shift.lineCount(), edited);
                        for (int line = -1; line <= fresh.lineCount() + 1; line++) {
                            assertEquals(fresh.lineStart(line), shift.lineStart(line), edited + " line " + line);
                            for (int column = 0; column <= 4; column++) {
                                Position p = new Position(line, column);
                                assertEquals(Positions.offset(fresh, p), shift.offset(p), () -> edited + " at " + p);
                            }
                        }
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
            assertEquals(row[3], Shift.between(SourceFile.of("t", then), now).before(offset), () -> then + " -> " + now + " at " + offset);
            assertEquals(row[3], perRequest(then, now, offset));
        }
    }

    @Test
    void aBufferFindsItsShiftOnceAndANewOneForAnotherAnalysis() {
        Documents.Buffer b = new Documents.Buffer("a\nb\nc\n", 2);
        SourceFile then = SourceFile.of("t", "a\nc\n");
        Shift first = b.since(then);
        assertSame(first, b.since(then));
        assertEquals(2, first.before(first.offset(new Position(2, 0)))); // `c` of the buffer was at 2
        assertNotSame(first, b.since(SourceFile.of("t", "a\nc\n"))); // the same text read again: another analysis
    }

    /** A shift across texts longer than a block, with the edit inside a block, on its edge, and at either end. */
    @Test
    void editsOfALargeTextAtBlockEdges() {
        String line = "    memory @ 0x8000_0000 size 64 KiB\n";
        String then = line.repeat(3 * Shift.BLOCK / line.length());
        SourceFile old = SourceFile.of("then.shy", then);
        for (int at : new int[] {0, 1, Shift.BLOCK - 1, Shift.BLOCK, Shift.BLOCK + 1, then.length() / 2, then.length() - 1, then.length()}) {
            for (String inserted : List.of("", "x", "\n", "size 128 KiB\n")) {
                for (int cut : new int[] {0, 1, 40}) {
                    String now = then.substring(0, at) + inserted + then.substring(Math.min(then.length(), at + cut));
                    Shift shift = Shift.between(old, now);
                    SourceFile fresh = SourceFile.of("now.shy", now);
                    assertEquals(fresh.lineCount(), shift.lineCount());
                    for (int offset : new int[] {0, at, at + 1, now.length() / 2, now.length()}) {
                        int o = Math.min(offset, now.length());
                        assertEquals(perRequest(then, now, o), shift.before(o), () -> at + "/" + inserted + "/" + cut + " at " + o);
                        Position p = Positions.position(fresh, o);
                        assertEquals(o, shift.offset(p), () -> at + "/" + inserted + "/" + cut + " at " + p);
                    }
                }
            }
        }
    }
}
