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

    /** Items with few distinct starts and ends, so ties in both are common. */
    static final Gen<List<Intervals.Item<Owner>>> CROWDED = Gens.fromRandom(r -> {
        int n = r.nextInt(60);
        List<Intervals.Item<Owner>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = r.nextInt(12) * 4L;
            long end = start + r.nextInt(3) * 4L;
            if (r.nextInt(10) == 0) start = -start - 8; // unsigned, near 2^64: the primitive sort cannot take it
            out.add(new Intervals.Item<>(start, Math.max(start, end), new Owner(i, r.nextInt(3))));
        }
        return out;
    });

    @Test
    void theSweepReportsWhatTheStepByStepSweepOfEveryItemReports() {
        Gens.qt(3000).withShrinkCycles(2000).forAll(ITEMS).checkAssert(IntervalsProperties::sameAsStepByStep);
        Gens.qt(3000).withShrinkCycles(2000).forAll(CROWDED).checkAssert(IntervalsProperties::sameAsStepByStep);
    }

    /**
     * The same pairs, each against the same earlier item, as the sweep written plainly: a stable sort by start and
     * end, and the two furthest items updated at every step (what the checks' golden files were made with).
     */
    private static void sameAsStepByStep(List<Intervals.Item<Owner>> items) {
        java.util.function.BiPredicate<Owner, Owner> allowed = (a, b) -> a.group() == b.group();
        List<Intervals.Item<Owner>> sorted = new ArrayList<>(items);
        sorted.removeIf(i -> Long.compareUnsigned(i.start(), i.end()) >= 0);
        sorted.sort((a, b) -> {
            int c = Long.compareUnsigned(a.start(), b.start());
            return c != 0 ? c : Long.compareUnsigned(a.end(), b.end());
        });
        List<String> expected = new ArrayList<>();
        Intervals.Item<Owner> far = null;
        Intervals.Item<Owner> farOther = null;
        for (Intervals.Item<Owner> cur : sorted) {
            Intervals.Item<Owner> hit = null;
            if (far != null && Long.compareUnsigned(cur.start(), far.end()) < 0 && !allowed.test(far.owner(), cur.owner())) {
                hit = far;
            } else if (farOther != null && Long.compareUnsigned(cur.start(), farOther.end()) < 0
                    && !allowed.test(farOther.owner(), cur.owner())) {
                hit = farOther;
            }
            if (hit != null) expected.add(hit.owner().id() + "<" + cur.owner().id());
            if (far == null || Long.compareUnsigned(cur.end(), far.end()) > 0) {
                if (far != null && !allowed.test(far.owner(), cur.owner())) farOther = far;
                far = cur;
            } else if (!allowed.test(far.owner(), cur.owner())
                    && (farOther == null || Long.compareUnsigned(cur.end(), farOther.end()) > 0)) {
                farOther = cur;
            }
        }
        List<String> found = new ArrayList<>();
        for (Intervals.Overlap<Owner> o : Intervals.overlaps(items, allowed)) found.add(o.earlier().owner().id() + "<" + o.later().owner().id());
        assertEquals(expected, found);
    }

    private static boolean overlap(Intervals.Item<?> a, Intervals.Item<?> b) {
        return Long.compareUnsigned(a.start(), b.end()) < 0 && Long.compareUnsigned(b.start(), a.end()) < 0;
    }
}
