package org.shyperc.plan;

import java.util.ArrayList;
import java.util.Collections;
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
        List<VmPlan> withMappings = new ArrayList<>(vms.size());
        for (VmPlan v : vms) withMappings.add(v.mappings() != null ? v : v.withDerivedMappings(ic));
        vms = Collections.unmodifiableList(withMappings);
        shared = List.copyOf(shared);
        doorbells = doorbells == null ? List.of() : List.copyOf(doorbells);
    }

    /** A system without doorbells. */
    public Plan(String system, BoardPlan board, HypervisorPlan hypervisor, List<VmPlan> vms, List<SharedPlan> shared) {
        this(system, board, hypervisor, vms, shared, List.of());
    }

    public VmPlan vm(String name) {
        for (VmPlan v : vms) {
            if (v.name().equals(name)) return v;
        }
        return null;
    }
}
