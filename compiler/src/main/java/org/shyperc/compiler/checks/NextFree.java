package org.shyperc.compiler.checks;

import org.shyperc.compiler.layout.FreeMap;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.layout.Layout;
import org.shyperc.compiler.model.Instance;

/** Hints of the form "the next free 2 MiB-aligned PA is 0x…"; the free map is built once, on first use. */
final class NextFree {
    private final Instance instance;
    private FreeMap free;

    NextFree(Instance instance) { this.instance = instance; }

    String hint(long size) {
        if (free == null) free = Layout.freeAfter(instance);
        long rounded = Layout.roundUp(size);
        long align = Layout.alignFor(size);
        long pa = free.peek(rounded, align);
        String alignment = align == Layout.BLOCK ? "2 MiB" : "4 KiB";
        if (pa == -1) {
            return "No free " + alignment + "-aligned DRAM range of " + Hex.size(size) + " is left; drop `at pa` to "
                    + "see the free map, or shrink a region.";
        }
        return "The next free " + alignment + "-aligned PA with room for " + Hex.size(size) + " is " + Hex.of(pa)
                + ", or drop `at pa` and let shyperc place it.";
    }
}
