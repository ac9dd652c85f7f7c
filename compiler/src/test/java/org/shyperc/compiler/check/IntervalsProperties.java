package org.shyperc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.shyperc.compiler.Gens;

/**
 * The sweep every overlap check relies on, against the obvious pairwise loop: an item is reported
 * exactly when some earlier item (in address order) of another group overlaps it, and the item it
 * is reported against really does overlap it.
 */
class IntervalsProperties {
    record Owner(int id, int group) { }

    static final Gen<List<Intervals.Item<Owner>>> ITEMS = Gens.fromRandom(r -> {
        int n = r.nextInt(40);
        List<Intervals.Item<Owner>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = r.nextInt(200);
            long end = start + r.nextInt(30); // zero-length items too
            // a few near the top of the unsigned range, where signed compares would go wrong
            if (r.nextInt(8) == 0) {
                start -= 300; // just below 2^64 as an unsigned number
                end = start + r.nextInt(30);
            }
            out.add(new Intervals.Item<>(start, end, new Owner(i, r.nextInt(4))));
        }
        return out;
    });

    @Test
    void sweepFindsWhatThePairwiseLoopFinds() {
        Gens.qt(2000).withShrinkCycles(2000).forAll(ITEMS).checkAssert(IntervalsProperties::sweepAgreesWithPairs);
    }

    private static void sweepAgreesWithPairs(List<Intervals.Item<Owner>> items) {
        List<Intervals.Overlap<Owner>> found = Intervals.overlaps(items, (a, b) -> a.group() == b.group());
        Set<Integer> reported = new HashSet<>();
        for (Intervals.Overlap<Owner> o : found) {
            assertTrue(reported.add(o.later().owner().id()), "reported twice: " + o);
            assertNotEquals(o.earlier().owner().group(), o.later().owner().group());
            assertTrue(overlap(o.earlier(), o.later()), "not an overlap: " + o);
        }
        Set<Integer> expected = new HashSet<>();
        List<Intervals.Item<Owner>> sorted = new ArrayList<>(items);
        sorted.removeIf(i -> Long.compareUnsigned(i.start(), i.end()) >= 0);
        sorted.sort((a, b) -> {
            int c = Long.compareUnsigned(a.start(), b.start());
            return c != 0 ? c : Long.compareUnsigned(a.end(), b.end());
        });
        for (int j = 0; j < sorted.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (sorted.get(i).owner().group() != sorted.get(j).owner().group() && overlap(sorted.get(i), sorted.get(j))) {
                    expected.add(sorted.get(j).owner().id());
                }
            }
        }
        assertEquals(expected, reported);
    }

    private static boolean overlap(Intervals.Item<?> a, Intervals.Item<?> b) {
        return Long.compareUnsigned(a.start(), b.end()) < 0 && Long.compareUnsigned(b.start(), a.end()) < 0;
    }
}
