package org.shyperc.plan;

import java.util.List;

/**
 * The fully resolved, immutable intermediate representation of one system on one board.
 * Every address is placed, every IRQ numbered; emitters see nothing else.
 * Lists are in a fixed order (VMs by declaration, regions by IPA) so output is deterministic.
 */
public record Plan(
        String system,
        BoardPlan board,
        HypervisorPlan hypervisor,
        List<VmPlan> vms,
        List<SharedPlan> shared) {

    public Plan {
        InterruptControllerPlan ic = board == null ? null : board.interruptController();
        vms = vms.stream().map(v -> v.mappings() != null ? v : v.withDerivedMappings(ic)).toList();
        shared = List.copyOf(shared);
    }

    public VmPlan vm(String name) {
        return vms.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }
}
