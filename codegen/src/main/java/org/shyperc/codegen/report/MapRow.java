package org.shyperc.codegen.report;

/**
 * One row of a memory map: a range, what it is, and who owns it ({@code owner} is a VM
 * name, or null for the hypervisor, shared regions, free space and coloured stretches of several VMs, told apart by kind).
 */
public record MapRow(long start, long size, String label, String owner, Kind kind) {

    public enum Kind { RAM, DEVICE, VIRTUAL, SHARED, HYPERVISOR, FREE,
        /** A stretch of DRAM that coloured VMs' RAM interleaves in, page by page (cache colouring). */
        COLOURED }

    public long end() {
        return start + size;
    }
}
