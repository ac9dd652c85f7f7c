package org.shyperc.compiler.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The address arithmetic every check shares: unsigned, up to and including a range that ends at 2^64. */
class AddrTest {
    @Test
    void aRangeOverflowsOnlyPast2To64() {
        assertFalse(Addr.overflows(0, 0));
        assertFalse(Addr.overflows(-1L, 0));
        assertFalse(Addr.overflows(-0x1000L, 0x1000)); // ends exactly at 2^64
        assertTrue(Addr.overflows(-0x1000L, 0x1001));
        assertTrue(Addr.overflows(-1L, 2));
        assertFalse(Addr.overflows(0x4000_0000L, 0x1000));
    }

    @Test
    void theEndIsClampedToTheTop() {
        assertEquals(0x4000_1000L, Addr.end(0x4000_0000L, 0x1000));
        assertEquals(0x4000_0000L, Addr.end(0x4000_0000L, 0));
        assertEquals(Addr.TOP, Addr.end(-0x1000L, 0x1000));
        assertEquals(Addr.TOP, Addr.end(-0x1000L, 0x2000));
        assertEquals(0L, Addr.end(0, 0));
    }

    @Test
    void pagesDownAndUp() {
        assertEquals(0x1000L, Addr.pageDown(0x1fff));
        assertEquals(0x2000L, Addr.pageDown(0x2000));
        assertEquals(0x2000L, Addr.pageUp(0x1001));
        assertEquals(0x2000L, Addr.pageUp(0x2000));
        assertEquals(0L, Addr.pageUp(0));
        assertEquals(Addr.TOP, Addr.pageUp(-0xfffL));
        assertTrue(Addr.aligned(0x3000));
        assertFalse(Addr.aligned(0x3001));
        assertFalse(Addr.aligned(0x3800));
    }

    @Test
    void withinAndIntersectsAreHalfOpenAndUnsigned() {
        assertTrue(Addr.within(0x1000, 0x2000, 0x1000, 0x2000));
        assertFalse(Addr.within(0xfff, 0x2000, 0x1000, 0x2000));
        assertFalse(Addr.within(0x1000, 0x2001, 0x1000, 0x2000));
        assertTrue(Addr.within(0x8000_0000_0000_0000L, -1L, 0x1000, -1L));
        assertTrue(Addr.intersects(0x1000, 0x2000, 0x1fff, 0x3000));
        assertFalse(Addr.intersects(0x1000, 0x2000, 0x2000, 0x3000));
        assertFalse(Addr.intersects(0x2000, 0x3000, 0x1000, 0x2000));
        assertTrue(Addr.intersects(0x2000, 0x3000, 0x1000, 0x2001));
        assertTrue(Addr.intersects(0x8000_0000_0000_0000L, -1L, 0x1000, 0x8000_0000_0000_1000L));
    }

    @Test
    void rangesInMessages() {
        assertEquals("0x4000_0000..0x47ff_ffff", Addr.range(0x4000_0000L, 0x800_0000L));
        assertEquals("empty, at 0x1000", Addr.range(0x1000, 0));
        assertEquals("0x1000..0x1000", Addr.range(0x1000, 1));
        assertEquals("0xffff_ffff_ffff_f000..0xffff_ffff_ffff_ffff", Addr.range(-0x1000L, 0x1000));
        assertEquals("0xffff_ffff_ffff_f000..beyond 2^64", Addr.range(-0x1000L, 0x2000));
    }
}
