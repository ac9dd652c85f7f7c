package org.shyperc.compiler.checks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0602: a physical shared interrupt (through passthrough devices) is routed to one VM only. */
public final class IrqShared implements Check {
    @Override
    public Code code() { return Codes.IRQ_SHARED; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.DEVICE_SHARED, Codes.NO_SUCH_IRQ); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        Map<Integer, Irqs.Use> owners = new HashMap<>();
        for (Irqs.VmUses vu : Irqs.of(in, out)) {
            for (Irqs.Use u : vu.passthrough()) {
                if (Irqs.isGic(in.board()) && u.id() < Irqs.FIRST_SPI) continue; // SHY0603's business
                if (u.skipped(out)) continue;
                Irqs.Use first = owners.putIfAbsent(u.id(), u);
                if (first == null || first.vm().equals(u.vm())) continue;
                out.report(u.span(), "Interrupt " + u.id() + " of " + u.what() + " would be routed to vm `" + u.vm()
                        + "`, but it already goes to vm `" + first.vm() + "` with " + first.what() + ".")
                        .related(first.span(), first.what() + " is given to vm `" + first.vm() + "` here")
                        .hint("Devices on one interrupt line belong together: give them to the same VM.");
            }
        }
    }
}
