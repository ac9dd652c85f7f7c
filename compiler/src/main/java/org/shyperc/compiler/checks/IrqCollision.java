package org.shyperc.compiler.checks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0605: inside one VM an emulated device's interrupt is not a passthrough one or another emulated one. */
public final class IrqCollision implements Check {
    @Override
    public Code code() { return Codes.IRQ_COLLISION; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.NO_SUCH_IRQ); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        List<Irqs.VmUses> uses = Irqs.of(in, out);
        for (int i = 0; i < uses.size(); i++) {
            VmModel vm = in.vms().get(i);
            Irqs.VmUses vu = uses.get(i);
            Map<Integer, Irqs.Use> taken = new HashMap<>(vu.all().size() * 2);
            for (Irqs.Use u : vu.passthrough()) if (!u.skipped(out)) taken.putIfAbsent(u.id(), u);
            for (Irqs.Use u : vu.emulated()) {
                if (u.skipped(out)) continue;
                Irqs.Use first = taken.putIfAbsent(u.id(), u);
                if (first == null) continue;
                out.report(u.span(), "In vm `" + vm.name() + "`, interrupt " + u.id() + " of " + u.what()
                        + " is already used by " + first.what() + ".")
                        .related(first.span(), first.what() + " is given interrupt " + u.id() + " here")
                        .hint(freeHint(in, taken));
            }
        }
    }

    /** The lowest SPI nobody in this VM uses and the hypervisor does not keep. */
    private static String freeHint(Instance in, Map<Integer, Irqs.Use> taken) {
        for (int id = Irqs.FIRST_SPI; id < in.board().intc().lines(); id++) {
            if (!taken.containsKey(id) && Irqs.reservedFor(in, id) == null) return "Interrupt " + id + " is free in this VM.";
        }
        return "Every interrupt of this VM's controller is taken; drop a device.";
    }
}
