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
                            .hint("Add `{ peer VM }`, naming the VM at the other end (usually the management VM).");
                }
            }
        }
    }
}
