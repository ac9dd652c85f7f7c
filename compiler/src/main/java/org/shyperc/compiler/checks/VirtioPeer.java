package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.ConsolePeers;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0505: a virtio console's `peer` names another VM that has the console it connects to. */
public final class VirtioPeer implements Check {
    @Override
    public Code code() { return Codes.VIRTIO_PEER; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            for (VmModel.Virtio v : vm.virtio()) {
                VmModel.Peer p = v.peer();
                if (p == null) continue;
                if (p.vm().equals(vm.name())) {
                    out.report(p.vmSpan(), "The virtio console of vm `" + vm.name() + "` names its own VM as its peer.")
                            .hint("A console connects two VMs: name the VM at its other end, usually the management VM.");
                    continue;
                }
                if (ConsolePeers.peerConsole(in, vm, v) != null) continue;
                VmModel other = in.vm(p.vm());
                if (other == null) continue; // the binder's error
                long consoles = other.virtio().stream().filter(x -> x.kind().equals("console")).count();
                if (p.console() != null) {
                    out.report(p.consoleSpan(), "VM `" + other.name() + "` has no virtio console at " + Hex.of(p.console())
                            + ", the peer console this one names.")
                            .related(other.span(), "vm `" + other.name() + "` is declared here")
                            .hint(consoles == 0 ? "Give vm `" + other.name() + "` a `virtio console @ IPA irq N`."
                                    : "Name the IPA of one of its virtio consoles.");
                } else if (consoles == 0) {
                    out.report(p.vmSpan(), "VM `" + other.name() + "` has no virtio console for the console of vm `"
                            + vm.name() + "` to connect to.")
                            .related(other.span(), "vm `" + other.name() + "` is declared here")
                            .hint("Give vm `" + other.name() + "` a `virtio console @ IPA irq N { peer " + vm.name() + " }`.");
                } else {
                    out.report(p.vmSpan(), "VM `" + other.name() + "` has " + consoles + " virtio consoles and "
                            + "none or several name vm `" + vm.name() + "` as their peer; which one this console "
                            + "connects to is not said.")
                            .related(other.span(), "vm `" + other.name() + "` is declared here")
                            .hint("Add `peer-console @ IPA` with the IPA of vm `" + other.name() + "`'s console, or give "
                                    + "that console `peer " + vm.name() + "`.");
                }
            }
        }
    }
}
