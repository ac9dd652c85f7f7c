package org.shyperc.compiler.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Free physical ranges, disjoint, keyed by start (unsigned order); first-fit allocation in
 * address order. A tree, not a list, so removing one pinned region costs O(log n) and a system
 * with 100k regions is placed in O(n log n) rather than O(n²).
 */
public final class FreeMap {
    private static final int DESCRIBE_MAX = 8;
    private static final Comparator<Long> UNSIGNED = new Unsigned();
    private final TreeMap<Long, Long> free = new TreeMap<>(UNSIGNED); // start -> end (exclusive)

    /** Adds [start, end); callers add disjoint ranges (DRAM banks). */
    public void add(long start, long end) {
        if (Long.compareUnsigned(start, end) < 0) free.put(start, end);
    }

    /** Removes [start, end) from every free range it touches. */
    public void remove(long start, long end) {
        if (Long.compareUnsigned(start, end) >= 0) return;
        Map.Entry<Long, Long> before = free.lowerEntry(start);
        if (before != null && Long.compareUnsigned(before.getValue(), start) > 0) {
            free.put(before.getKey(), start);
            if (Long.compareUnsigned(before.getValue(), end) > 0) free.put(end, before.getValue());
        }
        while (true) {
            Map.Entry<Long, Long> e = free.ceilingEntry(start);
            if (e == null || Long.compareUnsigned(e.getKey(), end) >= 0) break;
            free.remove(e.getKey());
            if (Long.compareUnsigned(e.getValue(), end) > 0) {
                free.put(end, e.getValue());
                break;
            }
        }
    }

    /** The lowest aligned start with {@code size} bytes free, or -1; the range is taken. */
    public long allocate(long size, long align) {
        long at = peek(size, align);
        if (at != -1) remove(at, at + size);
        return at;
    }

    /** Like {@link #allocate} but takes nothing: for hints ("the next free PA is …"). */
    public long peek(long size, long align) {
        if (size == 0) return -1;
        for (Map.Entry<Long, Long> r : free.entrySet()) {
            long start = alignUp(r.getKey(), align);
            if (start == -1 || Long.compareUnsigned(start, r.getKey()) < 0) continue;
            long end = start + size;
            if (Long.compareUnsigned(end, start) <= 0) continue; // wrapped past 2^64
            if (Long.compareUnsigned(end, r.getValue()) <= 0) return start;
        }
        return -1;
    }

    private static long alignUp(long v, long align) {
        long r = (v + align - 1) & -align;
        return Long.compareUnsigned(r, v) < 0 ? -1 : r;
    }

    /** "0x4200_0000..0x7fff_ffff (992 MiB)" lines (first and last byte, as in every message), for the exhausted-DRAM message; long maps are cut. */
    public String describe() {
        if (free.isEmpty()) return "no free DRAM at all";
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Long, Long> r : free.entrySet()) {
            if (parts.size() == DESCRIBE_MAX) {
                parts.add("and " + (free.size() - DESCRIBE_MAX) + " more ranges");
                break;
            }
            parts.add(Hex.of(r.getKey()) + ".." + Hex.of(r.getValue() - 1) + " (" + Hex.size(r.getValue() - r.getKey()) + ")");
        }
        return String.join(", ", parts);
    }

    public long largest() {
        long best = 0;
        for (Map.Entry<Long, Long> r : free.entrySet()) {
            long len = r.getValue() - r.getKey();
            if (Long.compareUnsigned(len, best) > 0) best = len;
        }
        return best;
    }

    private static final class Unsigned implements Comparator<Long> {
        @Override
        public int compare(Long a, Long b) { return Long.compareUnsigned(a, b); }
    }
}
