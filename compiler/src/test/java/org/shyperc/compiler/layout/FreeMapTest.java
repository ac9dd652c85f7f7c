package org.shyperc.compiler.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** First-fit allocation over free physical ranges, and the words it uses in messages. */
class FreeMapTest {

    private static FreeMap of(long... bounds) {
        FreeMap f = new FreeMap();
        for (int i = 0; i < bounds.length; i += 2) f.add(bounds[i], bounds[i + 1]);
        return f;
    }

    @Test
    void anEmptyOrBackwardsRangeAddsNothing() {
        FreeMap f = of(0x1000, 0x1000, 0x3000, 0x2000);
        assertEquals("no free DRAM at all", f.describe());
        assertEquals(0, f.largest());
        assertEquals(-1, f.peek(0x1000, 0x1000));
    }

    @Test
    void removingTheMiddleOfARangeLeavesBothEnds() {
        FreeMap f = of(0x1_0000, 0x2_0000);
        f.remove(0x1_4000, 0x1_8000);
        assertEquals("0x0001_0000..0x0001_3fff (16 KiB), 0x0001_8000..0x0001_ffff (32 KiB)", f.describe());
        assertEquals(0x8000, f.largest());
    }

    @Test
    void removingTheTailOfOneRangeAndTheHeadOfTheNext() {
        FreeMap f = of(0x1_0000, 0x2_0000, 0x3_0000, 0x4_0000);
        f.remove(0x1_c000, 0x3_4000);
        assertEquals("0x0001_0000..0x0001_bfff (48 KiB), 0x0003_4000..0x0003_ffff (48 KiB)", f.describe());
    }

    @Test
    void removingExactlyARangeOrMoreDropsItWhole() {
        FreeMap f = of(0x1_0000, 0x2_0000, 0x3_0000, 0x4_0000, 0x5_0000, 0x6_0000);
        f.remove(0x1_0000, 0x2_0000);
        assertEquals("0x0003_0000..0x0003_ffff (64 KiB), 0x0005_0000..0x0005_ffff (64 KiB)", f.describe());
        f.remove(0x2_f000, 0x4_1000);
        assertEquals("0x0005_0000..0x0005_ffff (64 KiB)", f.describe());
    }

    @Test
    void removingAnEmptyOrBackwardsRangeOrAGapChangesNothing() {
        FreeMap f = of(0x1_0000, 0x2_0000, 0x3_0000, 0x4_0000);
        f.remove(0x1_8000, 0x1_8000);
        f.remove(0x1_9000, 0x1_8000);
        f.remove(0x2_0000, 0x3_0000); // exactly the gap: touches neither range
        assertEquals("0x0001_0000..0x0001_ffff (64 KiB), 0x0003_0000..0x0003_ffff (64 KiB)", f.describe());
    }

    @Test
    void removingTheStartOfARangeKeepsItsRest() {
        FreeMap f = of(0x1_0000, 0x2_0000);
        f.remove(0x8000, 0x1_1000);
        assertEquals("0x0001_1000..0x0001_ffff (60 KiB)", f.describe());
        f.remove(0x1_1000, 0x1_2000);
        assertEquals("0x0001_2000..0x0001_ffff (56 KiB)", f.describe());
    }

    @Test
    void allocationIsFirstFitAlignedAndTakesTheRange() {
        FreeMap f = of(0x1000, 0x3000, 0x20_0000, 0x60_0000);
        // the first range is too small for 16 KiB; the second, aligned to 2 MiB, starts at 2 MiB
        assertEquals(0x20_0000, f.allocate(0x4000, 0x20_0000));
        assertEquals(0x1000, f.allocate(0x2000, 0x1000)); // fits the first range exactly
        assertEquals("0x0020_4000..0x005f_ffff (4080 KiB)", f.describe());
        assertEquals(0x40_0000, f.allocate(0x20_0000, 0x20_0000));
        assertEquals(0x20_4000, f.allocate(0x1000, 0x1000));
        assertEquals(-1, f.allocate(0x20_0000, 0x20_0000)); // the next 2 MiB boundary, 0x40_0000, is the range's end
        assertEquals("0x0020_5000..0x003f_ffff (2028 KiB)", f.describe());
    }

    @Test
    void peekTakesNothingAndRefusesSizeZero() {
        FreeMap f = of(0x1000, 0x3000);
        assertEquals(0x1000, f.peek(0x2000, 0x1000));
        assertEquals(0x1000, f.peek(0x2000, 0x1000));
        assertEquals(-1, f.peek(0x2001, 0x1000));
        assertEquals(-1, f.peek(0, 0x1000));
        assertEquals(-1, f.allocate(0, 0x1000));
        assertEquals(0x2000, f.largest());
    }

    @Test
    void alignmentPastTheRangeOrPast2To64IsNoFit() {
        FreeMap f = of(0x1000, 0x2000);
        assertEquals(-1, f.peek(0x1000, 0x2000)); // aligned start 0x2000 is the range's end
        FreeMap top = of(0xffff_ffff_ffff_0000L, 0xffff_ffff_ffff_f000L);
        assertEquals(-1, top.peek(0x1000, 0x20_0000)); // aligning up wraps past 2^64
        assertEquals(0xffff_ffff_ffff_0000L, top.peek(0x1000, 0x1000));
        assertEquals(0xffff_ffff_ffff_0000L, top.allocate(0x1000, 0x1000));
        assertEquals(0xffff_ffff_ffff_1000L, top.peek(0x1000, 0x1000));
    }

    @Test
    void aSizeThatWrapsPast2To64IsNoFit() {
        FreeMap f = of(0x1000, 0x2000);
        assertEquals(-1, f.peek(-0x1000L, 0x1000));
        assertEquals(-1, f.peek(-1L, 0x1000));
    }

    @Test
    void rangesAreInUnsignedOrder() {
        FreeMap f = of(0x8000_0000_0000_0000L, 0x8000_0000_0001_0000L, 0x1000, 0x2000);
        assertEquals("0x1000..0x1fff (4 KiB), 0x8000_0000_0000_0000..0x8000_0000_0000_ffff (64 KiB)", f.describe());
        assertEquals(0x1000, f.peek(0x1000, 0x1000));
        assertEquals(0x8000_0000_0000_0000L, f.peek(0x2000, 0x1000));
        assertEquals(0x1_0000, f.largest());
    }

    @Test
    void aLongMapIsCutAfterEightRanges() {
        FreeMap f = new FreeMap();
        for (int i = 0; i < 10; i++) f.add(0x10_0000L * (i + 1), 0x10_0000L * (i + 1) + 0x1000 * (i + 1));
        String d = f.describe();
        assertEquals(9, d.split(", ").length);
        assertEquals(true, d.endsWith("0x0080_0000..0x0080_7fff (32 KiB), and 2 more ranges"), d);
        assertEquals(0xa000, f.largest());
        FreeMap eight = new FreeMap();
        for (int i = 0; i < 8; i++) eight.add(0x10_0000L * (i + 1), 0x10_0000L * (i + 1) + 0x1000);
        assertEquals(8, eight.describe().split(", ").length);
        assertEquals(false, eight.describe().contains("more"));
    }

    @Test
    void hexGroupsDigitsInFoursAndKeepsShortValuesShort() {
        assertEquals("0x0", Hex.of(0));
        assertEquals("0x1000", Hex.of(0x1000));
        assertEquals("0x0001_0000", Hex.of(0x1_0000));
        assertEquals("0x0a00_2000", Hex.of(0x0a00_2000));
        assertEquals("0x1234_5678", Hex.of(0x1234_5678));
        assertEquals("0xffff_ffff_ffff_ffff", Hex.of(-1L));
        assertEquals("0x0008_0000_0000", Hex.of(0x8_0000_0000L));
    }

    @Test
    void sizesUseTheLargestUnitThatDividesThem() {
        assertEquals("0 bytes", Hex.size(0));
        assertEquals("1 byte", Hex.size(1)); // "1 bytes" read as unfinished
        assertEquals("1023 bytes", Hex.size(1023));
        assertEquals("1 KiB", Hex.size(1024));
        assertEquals("1025 bytes", Hex.size(1025));
        assertEquals("1536 KiB", Hex.size(1536 * 1024));
        assertEquals("512 MiB", Hex.size(512L << 20));
        assertEquals("2 GiB", Hex.size(2L << 30));
        assertEquals("3 TiB", Hex.size(3L << 40));
        assertEquals("8388608 TiB", Hex.size(Long.MIN_VALUE)); // 2^63, unsigned
        assertEquals("18446744073709551615 bytes", Hex.size(-1L));
    }

    @Test
    void roundUpIsToPagesAndAlignmentIsBlocksForWholeBlocks() {
        assertEquals(0, Layout.roundUp(0));
        assertEquals(0x1000, Layout.roundUp(1));
        assertEquals(0x1000, Layout.roundUp(0x1000));
        assertEquals(0x2000, Layout.roundUp(0x1001));
        assertEquals(-1L, Layout.roundUp(-1L)); // would wrap: kept as it is
        assertEquals(Layout.BLOCK, Layout.alignFor(2L << 20));
        assertEquals(Layout.BLOCK, Layout.alignFor(6L << 20));
        assertEquals(Layout.PAGE, Layout.alignFor(1L << 20));
        assertEquals(Layout.PAGE, Layout.alignFor(3L << 20));
    }
}
