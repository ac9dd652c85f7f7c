package org.shyperc.compiler.bind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.diag.Names;

/**
 * "Did you mean" for the unknown names of one instance being bound: the board's devices and the system's VMs, each made
 * ready for look-ups ({@link Names.Index}) at its first unknown name and kept for the rest, which a file may have by the
 * thousand. The VMs that bind in parallel share it.
 */
final class NameHints {
    private final BoardModel board;
    private final Collection<String> vms;
    private Names.Index deviceIndex;
    private Names.Index vmIndex;

    NameHints(BoardModel board, Collection<String> vms) {
        this.board = board;
        this.vms = vms;
    }

    /** A hint naming the board's device closest to {@code name}, or null. */
    synchronized String device(String name) {
        if (deviceIndex == null) {
            List<String> names = new ArrayList<>(board.devices().size());
            for (BoardModel.Device d : board.devices()) names.add(d.name());
            deviceIndex = Names.Index.of(names);
        }
        return deviceIndex.didYouMean(name);
    }

    /** A hint naming the system's VM closest to {@code name}, or null. */
    synchronized String vm(String name) {
        if (vmIndex == null) vmIndex = Names.Index.of(vms);
        return vmIndex.didYouMean(name);
    }
}
