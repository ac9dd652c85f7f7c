package org.shyperc.plan;

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
        int hypercallIrq) { }
