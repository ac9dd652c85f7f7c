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
        Peers peers = null; // made at the first console without a peer
        for (VmModel vm : in.vms()) {
            String hint = null; // the same for each console of this VM
            for (VmModel.Virtio v : vm.virtio()) {
                if (v.kind().equals("blk") && v.disk() == null) {
                    out.report(v.span(), "Rust-Shyper gives a virtio disk the sectors its configuration names: without "
                            + "`sectors`, vm `" + vm.name() + "`'s disk is exported as [0, 0], an empty disk.")
                            .hint("Add `{ first-sector N sectors M }` (512-byte sectors of the disk the management VM serves).");
                } else if (v.kind().equals("console") && v.peer() == null) {
                    if (peers == null) peers = new Peers(in);
                    if (hint == null) hint = peers.hint(vm);
                    out.report(v.span(), "Rust-Shyper connects a virtio console to the peer its configuration names: "
                            + "without `peer`, vm `" + vm.name() + "`'s console is exported as [0, 0], connected to nothing.")
                            .hint(hint);
                }
            }
        }
    }

    /**
     * A VM to name: one with a console free for this one (no peer, or this VM) that no other console of this VM names
     * already, preferring one whose console names this VM, then the management VM. Without one (the README tour's
     * management VM, the only VM with a console) "usually the management VM" led to SHY0505, so the hint says what
     * the other end needs. The candidates are gathered once: asked of every VM in turn, a system of thousands of VMs
     * with a console each took most of a minute.
     */
    private static final class Peers {
        /** By VM name, the VMs, in order, with a console whose peer is that VM. */
        private final java.util.Map<String, java.util.List<VmModel>> toward = new java.util.HashMap<>();
        /** The management VMs, in order, with a console without a peer. */
        private final java.util.List<VmModel> management = new java.util.ArrayList<>();

        Peers(Instance in) {
            for (VmModel other : in.vms()) {
                java.util.Set<String> listed = new java.util.HashSet<>();
                boolean free = false;
                for (VmModel.Virtio v : other.virtio()) {
                    if (!v.kind().equals("console")) continue;
                    if (v.peer() == null) {
                        free = true;
                    } else if (listed.add(v.peer().vm())) {
                        java.util.List<VmModel> to = toward.get(v.peer().vm());
                        if (to == null) {
                            to = new java.util.ArrayList<>();
                            toward.put(v.peer().vm(), to);
                        }
                        to.add(other);
                    }
                }
                if (free && other.management()) management.add(other);
            }
        }

        String hint(VmModel vm) {
            java.util.Set<String> namedHere = new java.util.HashSet<>();
            for (VmModel.Virtio v : vm.virtio()) if (v.peer() != null) namedHere.add(v.peer().vm());
            VmModel best = first(toward.getOrDefault(vm.name(), java.util.List.of()), vm, namedHere);
            if (best == null) best = first(management, vm, namedHere);
            if (best != null) return "Add `{ peer " + best.name() + " }`, naming the VM at the other end.";
            return "A console's peer is another VM with a virtio console of its own: give that VM one, with `{ peer " + vm.name()
                    + " }`, and name that VM here. On shyperc's own image this console works as it is; `-A rust-shyper` leaves "
                    + "the Rust-Shyper warnings out.";
        }

        private static VmModel first(java.util.List<VmModel> vms, VmModel vm, java.util.Set<String> namedHere) {
            for (VmModel other : vms) if (other != vm && !namedHere.contains(other.name())) return other;
            return null;
        }
    }
}
