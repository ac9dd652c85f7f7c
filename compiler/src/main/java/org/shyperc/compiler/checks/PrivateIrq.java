package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0603: SGIs and PPIs (INTIDs 0-31) are banked per core and stay with the hypervisor; neither
 * a passthrough device nor an emulated one may use them. Reserved ones are SHY0604's.
 */
public final class PrivateIrq implements Check {
    @Override
    public Code code() { return Codes.PRIVATE_IRQ; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (!Irqs.isGic(in.board())) return;
        List<Irqs.VmUses> all = Irqs.of(in, out);
        for (int i = 0; i < all.size(); i++) {
            VmModel vm = in.vms().get(i);
            for (Irqs.Use u : all.get(i).all()) {
                if (u.id() >= Irqs.FIRST_SPI || Irqs.reservedFor(in, u.id()) != null || u.skipped(out)) continue;
                out.report(u.span(), "Interrupt " + u.id() + " of " + u.what() + " in vm `" + vm.name() + "` is "
                        + (u.id() < 16 ? "an SGI" : "a PPI") + ", private to each core; only SPIs (32 and up) can be "
                        + "given to a VM.")
                        .hint("Use an SPI: the GIC numbers SPI n as INTID n + 32.");
            }
        }
    }
}
