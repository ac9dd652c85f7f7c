package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0604: the maintenance interrupt, hypervisor timer, IPI and hypercall interrupt are the hypervisor's. */
public final class ReservedIrq implements Check {
    @Override
    public Code code() { return Codes.RESERVED_IRQ; }

    /** The hypervisor's console passed through is SHY0503's; its interrupt is then no news. */
    @Override
    public List<Code> prerequisites() { return List.of(Codes.HYPERVISOR_DEVICE); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        List<Irqs.VmUses> all = Irqs.of(in, out);
        for (int i = 0; i < all.size(); i++) {
            VmModel vm = in.vms().get(i);
            for (Irqs.Use u : all.get(i).all()) {
                String what = Irqs.reservedFor(in, u.id());
                if (what == null || u.skipped(out)) continue;
                out.report(u.span(), "Interrupt " + u.id() + " of " + u.what() + " in vm `" + vm.name() + "` is "
                        + what + ", which the hypervisor keeps for itself.")
                        .related(in.board().hyp().span(), "the hypervisor's interrupts are set here")
                        .hint(u.device() ? "Leave this device out of the VM, or give the hypervisor another interrupt on the board."
                                : "Give the emulated device another interrupt.");
            }
        }
    }
}
