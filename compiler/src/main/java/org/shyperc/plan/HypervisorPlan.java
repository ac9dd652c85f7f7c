package org.shyperc.plan;

import java.util.List;

/** What the hypervisor itself keeps: its reserved RAM, load address, console and own IRQs. */
public record HypervisorPlan(
        long reserveBase,
        long reserveSize,
        /** Physical address the image is linked and loaded at. */
        long loadAddress,
        /** Name of the board device the hypervisor prints on. */
        String console,
        int timerIrq,
        int ipiSgi,
        int hypercallIrq,
        /** cache colouring: the colours the hypervisor's own memory is made of (the board's `colours`); null: none. */
        @OmittedWhenNull Colours colours,
        /**
         * The board's `stage2-blocks`: false where stage 2 maps every region that did not ask for `hugepages` with
         * 4 KiB pages (QEMU's boards); null where blocks are used as alignment allows, the default.
         */
        @OmittedWhenNull Boolean stage2Blocks) {

    public HypervisorPlan {
        if (Boolean.TRUE.equals(stage2Blocks)) stage2Blocks = null;     // the default is written as absent
    }

    public HypervisorPlan(long reserveBase, long reserveSize, long loadAddress, String console, int timerIrq, int ipiSgi,
                          int hypercallIrq) {
        this(reserveBase, reserveSize, loadAddress, console, timerIrq, ipiSgi, hypercallIrq, null, null);
    }

    public HypervisorPlan(long reserveBase, long reserveSize, long loadAddress, String console, int timerIrq, int ipiSgi,
                          int hypercallIrq, Colours colours) {
        this(reserveBase, reserveSize, loadAddress, console, timerIrq, ipiSgi, hypercallIrq, colours, null);
    }

    /** This plan with stage 2 held to 4 KiB pages (`stage2-blocks off`). */
    public HypervisorPlan withoutStage2Blocks() {
        return new HypervisorPlan(reserveBase, reserveSize, loadAddress, console, timerIrq, ipiSgi, hypercallIrq, colours,
                false);
    }

    /** Whether stage 2 may map a region with blocks (unless the plan says `stage2-blocks off`). */
    public boolean blocksAllowed() { return stage2Blocks == null || stage2Blocks; }

    /**
     * The hypervisor's colours: its image copy, page tables and stacks use only pages of these.
     *
     * @param colours ascending, distinct, each below {@code count}
     * @param count the board's number of colours
     */
    public record Colours(List<Integer> colours, int count) {
        public Colours { colours = List.copyOf(colours); }

        /** Bit c for colour c. */
        public long mask() {
            long m = 0;
            for (int c : colours) m |= 1L << c;
            return m;
        }
    }
}
