package org.shyperc.cli.lsp;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.dsl.source.SourceFile;

/**
 * Which of a list of spans covers an offset of a file (start &lt;= offset &lt;= end, as
 * {@code SourceSpan.contains}), answered by a binary search instead of a walk over the list:
 * a large document's index holds hundreds of thousands of names, and every hover or definition
 * asks. Where several spans cover the offset, the one added first wins, as the walk found it.
 */
final class SpanLookup<T> {
    private record Entry<T>(int start, int end, int order, T value) { }

    private int added;
    private final Map<SourceFile, Table<T>> byFile = new IdentityHashMap<>();

    /** Adds a span; call {@link #freeze} after the last one. */
    void add(SourceFile file, int start, int end, T value) {
        byFile.computeIfAbsent(file, f -> new Table<>()).pending.add(new Entry<>(start, end, added++, value));
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

    /** One file's spans sorted by start; {@code longest} bounds how far before an offset a covering span can start. */
    private static final class Table<T> {
        List<Entry<T>> pending = new ArrayList<>();
        int[] starts;
        int[] ends;
        int[] orders;
        Object[] values;
        int longest;

        void freeze() {
            pending.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.order(), b.order()));
            int n = pending.size();
            starts = new int[n];
            ends = new int[n];
            orders = new int[n];
            values = new Object[n];
            for (int i = 0; i < n; i++) {
                Entry<T> e = pending.get(i);
                starts[i] = e.start();
                ends[i] = e.end();
                orders[i] = e.order();
                values[i] = e.value();
                longest = Math.max(longest, e.end() - e.start());
            }
            pending = null;
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
