package org.shyperc.compiler.checks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;

/**
 * SHY1302: a doorbell's SPI is free in the VM it rings: no passthrough or virtio interrupt of that VM, no other
 * doorbell it receives, nothing the hypervisor keeps.
 */
public final class DoorbellIrqUsed implements Check {
    @Override
    public Code code() { return Codes.DOORBELL_IRQ_USED; }

    @Override
    public List<Code> prerequisites() {
        return List.of(Codes.DOORBELL_IRQ_RANGE, Codes.DOORBELL_RISCV, Codes.DOORBELL_UNMAPPED, Codes.NO_SUCH_IRQ);
    }

    /** What holds an interrupt: a VM's use of it (its words made only for a message), or a doorbell. */
    private record Taken(Irqs.Use use, String doorbell, SourceSpan span) {
        String what() { return use != null ? use.what() : doorbell; }
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (!anyDoorbell(in)) return; // a big system without doorbells: no tables
        Map<String, Map<Integer, Taken>> byVm = new HashMap<>();
        for (VmModel vm : in.vms()) {
            Map<Integer, Taken> taken = new HashMap<>();
            for (Irqs.Use u : Irqs.passthrough(vm)) taken.putIfAbsent(u.id(), new Taken(u, null, u.span()));
            for (Irqs.Use u : Irqs.emulated(vm)) taken.putIfAbsent(u.id(), new Taken(u, null, u.span()));
            byVm.put(vm.name(), taken);
        }
        for (SharedModel s : in.shared()) {
            for (SharedModel.Doorbell d : s.doorbells()) {
                Map<Integer, Taken> taken = byVm.get(d.to());
                // a doorbell to its own VM is SHY1306's: its second half (`a with a`) would clash with the first
                if (taken == null || d.from().equals(d.to()) || out.skips(d.span()) || out.skips(d.irqSpan())) continue;
                String reserved = Irqs.reservedFor(in, d.irq());
                if (reserved != null) {
                    out.report(d.irqSpan(), "Interrupt " + d.irq() + " of the doorbell to `" + d.to() + "` is " + reserved
                            + ", which the hypervisor keeps for itself.")
                            .related(in.board().hyp().span(), "the hypervisor's interrupts are set here")
                            .hint(free(in, taken));
                    continue;
                }
                Taken first = taken.putIfAbsent(d.irq(), new Taken(null, "the doorbell from `" + d.from() + "` (shared region `"
                        + s.name() + "`)", d.span()));
                if (first == null) continue;
                out.report(d.irqSpan(), "In vm `" + d.to() + "`, interrupt " + d.irq() + " of the doorbell from `" + d.from()
                        + "` is already used by " + first.what() + ".")
                        .related(first.span(), first.what() + " is given interrupt " + d.irq() + " here")
                        .hint(free(in, taken));
            }
        }
    }

    private static boolean anyDoorbell(Instance in) {
        for (SharedModel s : in.shared()) if (!s.doorbells().isEmpty()) return true;
        return false;
    }

    /** The lowest SPI the receiver does not use and the hypervisor does not keep. */
    private static String free(Instance in, Map<Integer, Taken> taken) {
        for (int id = Irqs.FIRST_SPI; id < in.board().intc().lines(); id++) {
            if (!taken.containsKey(id) && Irqs.reservedFor(in, id) == null) return "Interrupt " + id + " is free in that VM.";
        }
        return "Every interrupt of that VM's controller is taken; drop a device.";
    }
}
