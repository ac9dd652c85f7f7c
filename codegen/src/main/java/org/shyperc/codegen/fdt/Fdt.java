package org.shyperc.codegen.fdt;

import java.util.List;

/** A whole flattened device tree: the memory reservation map, the boot CPU and the node tree. */
public record Fdt(List<Reservation> reservations, long bootCpuid, FdtNode root) {

    public Fdt {
        reservations = List.copyOf(reservations);
    }

    public static Fdt of(FdtNode root) {
        return new Fdt(List.of(), 0, root);
    }

    /** One /memreserve/ entry: physical range the OS must not touch. */
    public record Reservation(long address, long size) { }

    /** The node at an absolute path such as "/cpus/cpu@0", or null. */
    public FdtNode node(String path) {
        FdtNode n = root;
        for (String seg : path.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            n = n.child(seg);
            if (n == null) {
                return null;
            }
        }
        return n;
    }
}
