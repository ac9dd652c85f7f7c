package org.shyperc.plan;

import java.util.List;

/**
 * The board's interrupt controller. For a GIC every frame the hypervisor needs is here;
 * a frame the controller does not have (GICv3 has no GICC/GICH/GICV memory frames) is null.
 */
public record InterruptControllerPlan(
        Kind kind,
        Frame distributor,
        Frame cpuInterface,
        Frame hypInterface,
        Frame virtualCpuInterface,
        /** GICv3 redistributor region (all cores), null on GICv2. */
        Frame redistributor,
        /** PLIC/APLIC frame on riscv64, null on a GIC. */
        Frame plic,
        int maintenanceIrq,
        /** Number of interrupt IDs the controller implements (GICD_TYPER lines), e.g. 288. */
        int lines,
        List<String> compatible) {

    public InterruptControllerPlan {
        compatible = List.copyOf(compatible);
    }

    public enum Kind { GICV2, GICV3, PLIC }

    public record Frame(long base, long size) {
        public long end() { return base + size; }
    }
}
