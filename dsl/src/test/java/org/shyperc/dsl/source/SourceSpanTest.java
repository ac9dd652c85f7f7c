package org.shyperc.dsl.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spans are equal by value, and their hashes spread even when every span has the same length. */
class SourceSpanTest {
    @Test
    void equalByValue() {
        SourceFile f = SourceFile.of("a.shy", "x".repeat(100));
        assertEquals(new SourceSpan(f, 3, 7), new SourceSpan(f, 3, 7));
        assertEquals(new SourceSpan(f, 3, 7).hashCode(), new SourceSpan(f, 3, 7).hashCode());
        assertNotEquals(new SourceSpan(f, 3, 7), new SourceSpan(f, 3, 8));
        assertNotEquals(new SourceSpan(f, 3, 7), new SourceSpan(SourceFile.of("a.shy", "x".repeat(100)), 3, 7));
    }

    /**
     * A hash map indexes by the hash's low bits (mixed with its high half). Spans of one length, one per line,
     * must reach most of a 1024-bucket table: with {@code 31 * start + end} they reached 32 buckets and a map of
     * them turned into tree bins.
     */
    @Test
    void spansOfOneLengthSpreadOverTheBuckets() {
        SourceFile f = SourceFile.of("a.shy", "x".repeat(20_000));
        Set<Integer> buckets = new HashSet<>();
        for (int i = 0; i < 1024; i++) {
            int h = new SourceSpan(f, i * 17, i * 17 + 10).hashCode();
            buckets.add((h ^ (h >>> 16)) & 1023);
        }
        assertTrue(buckets.size() > 512, "1024 spans fell into " + buckets.size() + " of 1024 buckets");
    }
}
