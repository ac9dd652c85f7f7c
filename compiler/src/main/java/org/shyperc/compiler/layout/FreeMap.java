package org.shyperc.compiler.layout;

import java.util.ArrayList;
import java.util.List;

/** Free physical ranges, sorted and disjoint; first-fit allocation in address order. */
final class FreeMap {
    private final List<long[]> free = new ArrayList<>(); // {start, end}, end exclusive, unsigned compare

    void add(long start, long end) {
        if (Long.compareUnsigned(start, end) < 0) free.add(new long[] {start, end});
        free.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
    }

    /** Removes [start, end) from every free range it touches. */
    void remove(long start, long end) {
        if (Long.compareUnsigned(start, end) >= 0) return;
        List<long[]> next = new ArrayList<>(free.size() + 1);
        for (long[] r : free) {
            if (Long.compareUnsigned(end, r[0]) <= 0 || Long.compareUnsigned(start, r[1]) >= 0) {
                next.add(r);
                continue;
            }
            if (Long.compareUnsigned(r[0], start) < 0) next.add(new long[] {r[0], start});
            if (Long.compareUnsigned(end, r[1]) < 0) next.add(new long[] {end, r[1]});
        }
        free.clear();
        free.addAll(next);
    }

    /** The lowest aligned start with {@code size} bytes free, or -1; the range is taken. */
    long allocate(long size, long align) {
        for (int i = 0; i < free.size(); i++) {
            long[] r = free.get(i);
            long start = alignUp(r[0], align);
            if (start == -1 || Long.compareUnsigned(start, r[0]) < 0) continue;
            long end = start + size;
            if (Long.compareUnsigned(end, start) < 0 && end != 0) continue;
            if (Long.compareUnsigned(start, r[1]) < 0 && Long.compareUnsigned(end, r[1]) <= 0 && end != 0) {
                remove(start, end);
                return start;
            }
        }
        return -1;
    }

    private static long alignUp(long v, long align) {
        long r = (v + align - 1) & -align;
        return Long.compareUnsigned(r, v) < 0 ? -1 : r;
    }

    /** "0x4200_0000..0x8000_0000 (992 MiB)" lines, for the exhausted-DRAM message. */
    String describe() {
        if (free.isEmpty()) return "no free DRAM at all";
        List<String> parts = new ArrayList<>();
        for (long[] r : free) parts.add(Hex.of(r[0]) + ".." + Hex.of(r[1]) + " (" + Hex.size(r[1] - r[0]) + ")");
        return String.join(", ", parts);
    }

    long largest() {
        long best = 0;
        for (long[] r : free) if (Long.compareUnsigned(r[1] - r[0], best) > 0) best = r[1] - r[0];
        return best;
    }
}
