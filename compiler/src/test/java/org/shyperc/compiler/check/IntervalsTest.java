package org.shyperc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which earlier item an overlap names. {@link IntervalsProperties} checks what is reported against the pairwise loop;
 * this pins the one named when several earlier items overlap: the furthest-reaching one the later may not share with,
 * and of two reaching equally far, the one that starts first.
 */
class IntervalsTest {
    record Owner(String name, char group) { }

    static Intervals.Item<Owner> item(long start, long end, String name, char group) {
        return new Intervals.Item<>(start, end, new Owner(name, group));
    }

    static List<String> pairs(List<Intervals.Item<Owner>> items) {
        return Intervals.overlaps(items, (a, b) -> a.group() == b.group()).stream()
                .map(o -> o.earlier().owner().name() + "<" + o.later().owner().name()).toList();
    }

    @Test
    void ofTwoReachingEquallyFarTheFirstIsNamed() {
        // x shares its group with f, the furthest: of o and c, which end together, o starts first
        List<Intervals.Item<Owner>> items = List.of(
                item(0, 100, "f", 'A'), item(1, 50, "o", 'B'), item(2, 50, "c", 'C'), item(3, 10, "x", 'A'));
        assertEquals(List.of("f<o", "f<c", "o<x"), pairs(items));
    }

    @Test
    void theFurthestReachingOtherIsNamed() {
        List<Intervals.Item<Owner>> items = List.of(
                item(0, 100, "f", 'A'), item(1, 50, "o", 'B'), item(2, 60, "c", 'C'), item(3, 10, "x", 'A'));
        assertEquals(List.of("f<o", "f<c", "c<x"), pairs(items));
    }
}
