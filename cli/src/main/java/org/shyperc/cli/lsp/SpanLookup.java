package org.shyperc.cli.lsp;

import java.util.IdentityHashMap;
import java.util.Map;
import org.shyperc.dsl.source.SourceFile;

/**
 * Which of a list of spans covers an offset of a file (start &lt;= offset &lt;= end, as
 * {@code SourceSpan.contains}), answered by a binary search instead of a walk over the list:
 * a large document's index holds hundreds of thousands of names, and every hover or definition
 * asks. Where several spans cover the offset, the one added first wins, as the walk found it.
 */
final class SpanLookup<T> {
    private final Map<SourceFile, Table<T>> byFile = new IdentityHashMap<>();

    /** Adds a span; call {@link #freeze} after the last one. */
    void add(SourceFile file, int start, int end, T value) {
        byFile.computeIfAbsent(file, f -> new Table<>()).add(start, end, value);
    }

    /** Sorts the spans by start, once, before the first lookup. */
    void freeze() {
        for (Table<T> t : byFile.values()) t.freeze();
    }

    /** The value of the first-added span of {@code file} that covers {@code offset}; null if none. */
    T at(SourceFile file, int offset) {
        Table<T> t = byFile.get(file);
        return t == null ? null : t.at(offset);
    }

    /**
     * One file's spans sorted by start; {@code longest} bounds how far before an offset a covering span can start. A
     * span's order is its index among the file's spans as added (first-added wins only among spans of one file).
     */
    private static final class Table<T> {
        private int n;
        private int[] addedStart = new int[16];
        private int[] addedEnd = new int[16];
        private Object[] addedValue = new Object[16];
        int[] starts;
        int[] ends;
        int[] orders;
        Object[] values;
        int longest;

        void add(int start, int end, Object value) {
            if (n == addedStart.length) {
                addedStart = java.util.Arrays.copyOf(addedStart, 2 * n);
                addedEnd = java.util.Arrays.copyOf(addedEnd, 2 * n);
                addedValue = java.util.Arrays.copyOf(addedValue, 2 * n);
            }
            addedStart[n] = start;
            addedEnd[n] = end;
            addedValue[n] = value;
            n++;
        }

        /** Sorts by (start, order) as packed longs: a large document's re-check sorted 10^5-10^6 entry objects. */
        void freeze() {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) keys[i] = (long) addedStart[i] << 32 | i;
            java.util.Arrays.sort(keys);
            starts = new int[n];
            ends = new int[n];
            orders = new int[n];
            values = new Object[n];
            for (int k = 0; k < n; k++) {
                int i = (int) keys[k];
                starts[k] = addedStart[i];
                ends[k] = addedEnd[i];
                orders[k] = i;
                values[k] = addedValue[i];
                longest = Math.max(longest, ends[k] - starts[k]);
            }
            addedStart = addedEnd = null;
            addedValue = null;
        }

        @SuppressWarnings("unchecked")
        T at(int offset) {
            // the last span starting at or before the offset, then back over those that can still reach it
            int hi = upperBound(offset) - 1;
            long earliest = (long) offset - longest;
            int best = -1;
            for (int i = hi; i >= 0 && starts[i] >= earliest; i--) {
                if (ends[i] >= offset && (best < 0 || orders[i] < orders[best])) best = i;
            }
            return best < 0 ? null : (T) values[best];
        }

        /** The number of spans starting at or before {@code offset}. */
        private int upperBound(int offset) {
            int lo = 0;
            int hi = starts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] <= offset) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }
}
