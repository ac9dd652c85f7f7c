package org.shyperc.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Last-level-cache colouring of one RAM region. The physical page at PA p has colour
 * {@code (p / 4 KiB) mod count}; a <em>period</em> is {@code count} consecutive pages, one of each
 * colour. A coloured region is contiguous in IPA and strided in PA: from its PA {@code base} (the
 * start of a period), IPA page i is the {@code (i mod k)}-th page of the region's colours in period
 * {@code i / k}, k being the number of its colours. Its pages are {@code runs} (consecutive colours
 * inside one period) repeated every period for {@code periods} periods (the last one possibly
 * part-used): as few runs as its colours allow.
 *
 * @param colours the colours, ascending
 * @param count the board's number of colours ({@code llc-size / (llc-ways * 4 KiB)}), at most 64
 * @param shared whether the VM declared them shared with other VMs
 * @param runs the runs of one period: offsets from the start of the period, and sizes
 * @param periods how many periods the region spans
 */
public record Colouring(List<Integer> colours, int count, boolean shared, List<Run> runs, long periods) {
    public static final long PAGE = 4096;
    /** The runtime keeps a VM's colours in one 64-bit mask. */
    public static final int MAX_COLOURS = 64;

    public Colouring {
        colours = List.copyOf(colours);
        runs = List.copyOf(runs);
    }

    /** A run of pages inside a period: [offset, offset + size) from the period's start. */
    public record Run(long offset, long size) { }

    /** The colouring of a region of {@code size} bytes made of these colours (ascending, distinct) of {@code count}. */
    public static Colouring of(List<Integer> colours, int count, boolean shared, long size) {
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < colours.size()) {
            int j = i;
            while (j + 1 < colours.size() && colours.get(j + 1) == colours.get(j) + 1) j++;
            runs.add(new Run(colours.get(i) * PAGE, (long) (j - i + 1) * PAGE));
            i = j + 1;
        }
        return new Colouring(colours, count, shared, runs, periods(size, colours.size()));
    }

    /** Periods a region of {@code size} bytes in {@code k} colours spans. */
    public static long periods(long size, int k) {
        long pages = (size + PAGE - 1) / PAGE;
        return k == 0 ? 0 : (pages + k - 1) / k;
    }

    /** The colours as a mask, bit c for colour c. */
    public long mask() {
        long m = 0;
        for (int c : colours) m |= 1L << c;
        return m;
    }

    /** Bytes of one period: a page of each colour. */
    public long period() { return count * PAGE; }

    /** Bytes of DRAM from the region's base to the end of its last period. */
    public long span() { return periods * period(); }

    /** The PA behind byte {@code offset} of the region (from its IPA start), the region's pages starting at {@code base}. */
    public long pa(long base, long offset) {
        long page = offset / PAGE;
        int k = colours.size();
        return base + (page / k) * period() + colours.get((int) (page % k)) * PAGE + offset % PAGE;
    }

    /** Every run of PA pages behind [0, size) of the region, in IPA order: a stage-2 mapping is one entry per run. */
    public long runCount(long size) {
        long pages = (size + PAGE - 1) / PAGE;
        long full = pages / colours.size();
        long left = pages % colours.size();
        long n = full * runs.size();
        long seen = 0;
        for (Run r : runs) {
            if (seen >= left) break;
            n++;
            seen += r.size() / PAGE;
        }
        return n;
    }
}
