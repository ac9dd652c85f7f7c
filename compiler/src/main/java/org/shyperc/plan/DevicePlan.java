package org.shyperc.plan;

import java.util.List;

/** A physical device of the board, with its device-tree facts. */
public record DevicePlan(
        String name,
        String compatible,
        long base,
        long size,
        /** GIC INTIDs (SPI n = INTID n + 32) or PLIC sources. */
        List<Integer> irqs,
        /** The node's path in the DTB the board came from, or null. */
        String dtPath,
        boolean dma,
        /** IOMMU device name and stream ID that isolate this device's DMA, or null / -1. */
        String iommu,
        long streamId,
        /** Extra device-tree properties kept from a real DTB, in source order. */
        List<Property> properties) {

    public DevicePlan {
        irqs = List.copyOf(irqs);
        properties = List.copyOf(properties);
    }

    /** A raw device-tree property: a string list, a cell list, or empty (a flag). */
    public record Property(String name, List<String> strings, List<Long> cells) {
        public Property {
            strings = List.copyOf(strings);
            cells = List.copyOf(cells);
        }
    }
}
