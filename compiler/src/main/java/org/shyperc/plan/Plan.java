package org.shyperc.plan;

import java.util.List;

/**
 * The fully resolved, immutable intermediate representation of one system on one board.
 * Every address is placed, every IRQ numbered; emitters see nothing else.
 * Lists are in a fixed order (VMs by declaration, regions by IPA) so output is deterministic.
 * {@code doorbells}: every doorbell of the shared regions, regions in order, each region's in source order.
 */
public record Plan(
        String system,
        BoardPlan board,
        HypervisorPlan hypervisor,
        List<VmPlan> vms,
        List<SharedPlan> shared,
        @OmittedWhenEmpty List<DoorbellPlan> doorbells) {

    public Plan {
        InterruptControllerPlan ic = board == null ? null : board.interruptController();
        vms = vms.stream().map(v -> v.mappings() != null ? v : v.withDerivedMappings(ic)).toList();
        shared = List.copyOf(shared);
        doorbells = doorbells == null ? List.of() : List.copyOf(doorbells);
    }

    /** A system without doorbells. */
    public Plan(String system, BoardPlan board, HypervisorPlan hypervisor, List<VmPlan> vms, List<SharedPlan> shared) {
        this(system, board, hypervisor, vms, shared, List.of());
    }

    public VmPlan vm(String name) {
        return vms.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }
}
