package org.shyperc.compiler.checks;

import org.shyperc.compiler.layout.Hex;

/** Unsigned 64-bit address arithmetic the checks share; ends saturate instead of wrapping. */
final class Addr {
    static final long PAGE = 4096;
    /** The largest address; a range ending exactly at 2^64 is clamped to end here. */
    static final long TOP = -1L;

    private Addr() { }

    /** base + size > 2^64. A range ending exactly at 2^64 is fine. */
    static boolean overflows(long base, long size) {
        return size != 0 && Long.compareUnsigned(base, -size) > 0;
    }

    /** base + size, or {@link #TOP} when that passes 2^64. */
    static long end(long base, long size) {
        return overflows(base, size) || (size != 0 && base + size == 0) ? TOP : base + size;
    }

    static long pageDown(long a) { return a & -PAGE; }

    static long pageUp(long a) {
        long r = (a + PAGE - 1) & -PAGE;
        return Long.compareUnsigned(r, a) < 0 ? TOP : r;
    }

    static boolean aligned(long v) { return (v & (PAGE - 1)) == 0; }

    /** [a, b) lies inside [lo, hi). */
    static boolean within(long a, long b, long lo, long hi) {
        return Long.compareUnsigned(a, lo) >= 0 && Long.compareUnsigned(b, hi) <= 0;
    }

    static boolean intersects(long a, long b, long lo, long hi) {
        return Long.compareUnsigned(a, hi) < 0 && Long.compareUnsigned(lo, b) < 0;
    }

    /**
     * "0x4000_0000..0x47ff_ffff": first and last byte, as the language's own `a..b` and the hover read; an exclusive
     * end made "entry 0x4000_1000 is not inside 0x4000_0000..0x4000_1000" look wrong.
     */
    static String range(long base, long size) {
        if (size == 0) return "empty, at " + Hex.of(base);
        if (overflows(base, size)) return Hex.of(base) + "..beyond 2^64";
        return Hex.of(base) + ".." + Hex.of(base + size - 1); // a range ending at 2^64 ends at 0xffff_…_ffff
    }
}
