package org.shyperc.compiler.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** SHY1211's count of the hypervisor's pages in a range, against counting page by page. */
class ColourHypRoomTest {

    private static final long PAGE = 4096;

    private static long byPage(long from, long to, long mask, int n) {
        long count = 0;
        for (long p = from / PAGE; p < to / PAGE; p++) if ((mask >>> (p % n) & 1) != 0) count++;
        return count;
    }

    @Test
    void countsThePagesOfItsColoursInAnyRange() {
        long[] masks = {1L, 1L << 63, 0xf000_0000_0000_0000L, 0b1010_0110L, 0x8000_0001L, -1L};
        int[] counts = {64, 64, 64, 8, 32, 64};
        for (int i = 0; i < masks.length; i++) {
            int n = counts[i];
            long mask = n == 64 ? masks[i] : masks[i] & ((1L << n) - 1);
            // ranges that start and end inside a period, on its boundaries, within one period, spanning several
            for (long from = 0; from <= 3 * n * PAGE; from += 5 * PAGE) {
                for (long len : new long[] {0, PAGE, 3 * PAGE, n * PAGE - PAGE, n * PAGE, n * PAGE + 2 * PAGE, 5L * n * PAGE + 7 * PAGE}) {
                    long base = 0x4000_0000L;
                    assertEquals(byPage(base + from, base + from + len, mask, n),
                            ColourHypRoom.pages(base + from, base + from + len, mask, n),
                            "mask " + Long.toHexString(mask) + " of " + n + " from +" + from + " for " + len);
                }
            }
        }
    }
}
