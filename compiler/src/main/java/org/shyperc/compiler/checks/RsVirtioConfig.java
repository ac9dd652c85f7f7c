package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.compiler.rustshyper.RustShyperLimits;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0921 (warning), on a board Rust-Shyper runs on: a virtio disk says its sectors and a virtio
 * console its peer, which Rust-Shyper sets the device up from.
 */
public final class RsVirtioConfig implements Check {
    @Override
    public Code code() { return Codes.RS_VIRTIO_CONFIG; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (RustShyperLimits.platform(in.board().arch(), in.board().compatible()) == null) return;
        for (VmModel vm : in.vms()) {
            for (VmModel.Virtio v : vm.virtio()) {
                if (v.kind().equals("blk") && v.disk() == null) {
                    out.report(v.span(), "Rust-Shyper gives a virtio disk the sectors its configuration names: without "
                            + "`sectors`, vm `" + vm.name() + "`'s disk is exported as [0, 0], an empty disk.")
                            .hint("Add `{ first-sector N sectors M }` (512-byte sectors of the disk the management VM serves).");
                } else if (v.kind().equals("console") && v.peer() == null) {
                    out.report(v.span(), "Rust-Shyper connects a virtio console to the peer its configuration names: "
                            + "without `peer`, vm `" + vm.name() + "`'s console is exported as [0, 0], connected to nothing.")
                            .hint(peerHint(in, vm));
                }
            }
        }
    }

    /**
     * A VM to name: one with a console free for this one (no peer, or this VM) that no other console of this VM names
     * already, preferring one whose console names this VM, then the management VM. Without one (the README tour's
     * management VM, the only VM with a console) "usually the management VM" led to SHY0505, so the hint says what
     * the other end needs.
     */
    private static String peerHint(Instance in, VmModel vm) {
        java.util.Set<String> namedHere = new java.util.HashSet<>();
        for (VmModel.Virtio v : vm.virtio()) if (v.peer() != null) namedHere.add(v.peer().vm());
        VmModel best = null;
        int bestRank = 0;
        for (VmModel other : in.vms()) {
            if (other == vm || namedHere.contains(other.name())) continue;
            for (VmModel.Virtio v : other.virtio()) {
                if (!v.kind().equals("console") || v.peer() != null && !v.peer().vm().equals(vm.name())) continue;
                int rank = v.peer() != null ? 3 : other.management() ? 2 : 1;
                if (rank > bestRank) { best = other; bestRank = rank; }
            }
        }
        if (best != null && bestRank > 1) return "Add `{ peer " + best.name() + " }`, naming the VM at the other end.";
        return "A console's peer is another VM with a virtio console of its own: give that VM one, with `{ peer " + vm.name()
                + " }`, and name that VM here. On shyperc's own image this console works as it is; `-A rust-shyper` leaves "
                + "the Rust-Shyper warnings out.";
    }
}
