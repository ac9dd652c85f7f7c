package org.shyperc.compiler.checks;

import org.shyperc.compiler.layout.FreeMap;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.layout.Layout;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Hints of the form "the next free 2 MiB-aligned PA is 0x…". The first few leave the region
 * being moved out of the map (it may go where it was); after that one shared map, built once,
 * keeps a file with thousands of conflicts O(n log n).
 */
final class NextFree {
    private static final int PRECISE = 16;
    private final Instance instance;
    private FreeMap free;
    private int precise;

    NextFree(Instance instance) { this.instance = instance; }

    /** {@code moving}: the span of the region the hint is for. */
    String hint(long size, SourceSpan moving) {
        FreeMap map;
        if (precise < PRECISE) {
            precise++;
            map = Layout.freeAfter(instance, moving);
        } else {
            if (free == null) free = Layout.freeAfter(instance);
            map = free;
        }
        long rounded = Layout.roundUp(size);
        long align = Layout.alignFor(size);
        long pa = map.peek(rounded, align);
        String alignment = align == Layout.BLOCK ? "2 MiB" : "4 KiB";
        if (pa == -1) {
            return "No free " + alignment + "-aligned DRAM range of " + Hex.size(size) + " is left; drop `at pa` to "
                    + "see the free map, or shrink a region.";
        }
        return "The next free " + alignment + "-aligned PA with room for " + Hex.size(size) + " is " + Hex.of(pa)
                + ", or drop `at pa` and let shyperc place it.";
    }
}
