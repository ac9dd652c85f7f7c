package org.shyperc.compiler.model;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/**
 * One system on one of its boards: the unit that is laid out, checked and lowered to a Plan.
 * {@code consoleOwner}: the VM `console to` hands the board's physical console to, or null.
 */
public record Instance(String system, SourceSpan systemSpan, BoardModel board, List<VmModel> vms,
                       List<SharedModel> shared, ConsoleOwner consoleOwner) {

    /** {@code console to VM}, written at {@code span}. */
    public record ConsoleOwner(String vm, SourceSpan span) { }

    public Instance(String system, SourceSpan systemSpan, BoardModel board, List<VmModel> vms, List<SharedModel> shared) {
        this(system, systemSpan, board, vms, shared, null);
    }

    public Instance {
        vms = List.copyOf(vms);
        shared = List.copyOf(shared);
    }

    public VmModel vm(String name) {
        for (VmModel v : vms) if (v.name().equals(name)) return v;
        return null;
    }

    public Instance with(List<VmModel> newVms, List<SharedModel> newShared) {
        return new Instance(system, systemSpan, board, newVms, newShared, consoleOwner);
    }

    /**
     * How large the instance is, for choosing the parallel path (bind, maps, checks): its board's devices,
     * its VMs, their RAM regions and passthroughs.
     */
    public int items() {
        int n = board.devices().size();
        for (VmModel vm : vms) n += 1 + vm.memory().size() + vm.passthrough().size();
        return n;
    }

    /** "demo on qemu-virt", for messages. */
    public String label() { return "`" + system + "` on `" + board.name() + "`"; }
}
