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

    /** "0x4000_0000..0x4800_0000". */
    static String range(long base, long size) {
        if (overflows(base, size)) return Hex.of(base) + "..beyond 2^64";
        // a range ending exactly at 2^64 is whole; its end does not fit in 64 bits
        return Hex.of(base) + ".." + (size != 0 && base + size == 0 ? "2^64" : Hex.of(base + size));
    }
}
