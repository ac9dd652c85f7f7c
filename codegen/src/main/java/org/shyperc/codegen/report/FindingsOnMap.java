package org.shyperc.codegen.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings of one map (the physical one, or one VM's), by code, for asking which codes cover a row: per code the
 * findings' ranges sorted by start with the furthest end so far, so a row asks each code once, by binary search. Asking
 * every finding for every row took minutes for a system with thousands of regions and as many findings.
 */
final class FindingsOnMap {
    /** Per code, in code order: starts ascending, and the greatest end among the first i + 1. */
    private final Map<String, long[][]> byCode = new TreeMap<>();

    /** The findings of each map, by VM name (null: the physical map), each finding looked at once. */
    static Map<String, FindingsOnMap> byMap(List<Finding> findings) {
        Map<String, List<Finding>> byVm = new HashMap<>();
        for (Finding f : findings) byVm.computeIfAbsent(f.vm(), k -> new ArrayList<>()).add(f);
        Map<String, FindingsOnMap> out = new HashMap<>();
        for (Map.Entry<String, List<Finding>> e : byVm.entrySet()) out.put(e.getKey(), new FindingsOnMap(e.getValue()));
        return out;
    }

    static final FindingsOnMap NONE = new FindingsOnMap(List.of());

    private FindingsOnMap(List<Finding> findings) {
        Map<String, List<Finding>> grouped = new TreeMap<>();
        for (Finding f : findings) grouped.computeIfAbsent(f.code(), k -> new ArrayList<>()).add(f);
        for (Map.Entry<String, List<Finding>> e : grouped.entrySet()) {
            long[][] ranges = new long[e.getValue().size()][];
            for (int i = 0; i < ranges.length; i++) {
                Finding f = e.getValue().get(i);
                ranges[i] = new long[] {f.start(), f.start() + f.size()};
            }
            Arrays.sort(ranges, (a, b) -> Long.compare(a[0], b[0]));
            long[] starts = new long[ranges.length];
            long[] furthest = new long[ranges.length];
            for (int i = 0; i < ranges.length; i++) {
                starts[i] = ranges[i][0];
                furthest[i] = i == 0 ? ranges[i][1] : Math.max(furthest[i - 1], ranges[i][1]);
            }
            byCode.put(e.getKey(), new long[][] {starts, furthest});
        }
    }

    /** The codes, sorted, of the findings whose range meets the row's ({@link Finding#covers}). */
    List<String> codesOver(MapRow row) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, long[][]> e : byCode.entrySet()) {
            long[] starts = e.getValue()[0], furthest = e.getValue()[1];
            int before = firstAtOrAfter(starts, row.end()); // the findings that start before the row ends
            if (before > 0 && furthest[before - 1] > row.start()) out.add(e.getKey());
        }
        return out;
    }

    private static int firstAtOrAfter(long[] sorted, long value) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
