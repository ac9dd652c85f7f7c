package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.shyperc.compiler.check.Derived;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.InterruptControllerPlan;

/** The interrupts a VM uses and the ones the hypervisor keeps, for the SHY06xx checks. */
final class Irqs {
    /** INTIDs 0-15 are SGIs and 16-31 PPIs: banked per core. */
    static final int FIRST_SPI = 32;

    private Irqs() { }

    /**
     * One use of an interrupt by a VM: a passthrough device's line or an emulated device's.
     * {@code span} is where it is reported (the passthrough, or the virtio's `irq`); {@code source}
     * is the item the number comes from (the board device's interrupt, or the virtio statement).
     */
    record Use(int id, String vm, boolean device, String name, SourceSpan span, SourceSpan source) {
        /** "device `rtc`" or "the virtio blk device"; made only for messages. */
        String what() { return device ? "device `" + name + "`" : "the virtio " + name + " device"; }

        /** Whether a check with this reporter leaves the use out. */
        boolean skipped(org.shyperc.compiler.check.Reporter out) { return out.skips(span) || out.skips(source); }
    }

    /** One VM's uses: its passthrough devices' lines, then its emulated devices', both in the order written. */
    record VmUses(List<Use> passthrough, List<Use> emulated, List<Use> all) { }

    /** Read by five checks: made once per instance, one entry per VM in the order of {@code in.vms()}. */
    static final Derived.Key<List<VmUses>> USES = new Derived.Key<>(new Uses());

    private static final class Uses implements Function<Instance, List<VmUses>> {
        @Override
        public List<VmUses> apply(Instance in) { return uses(in); }
    }

    /** The uses of each VM of {@code in}, shared by the checks {@code out} reports for. */
    static List<VmUses> of(Instance in, Reporter out) { return out.derived(USES, in); }

    static List<VmUses> uses(Instance in) {
        List<VmUses> out = new ArrayList<>(in.vms().size());
        for (VmModel vm : in.vms()) {
            List<Use> pt = passthrough(vm);
            List<Use> em = emulated(vm);
            List<Use> all = new ArrayList<>(pt.size() + em.size());
            all.addAll(pt);
            all.addAll(em);
            out.add(new VmUses(Collections.unmodifiableList(pt), Collections.unmodifiableList(em),
                    Collections.unmodifiableList(all)));
        }
        return Collections.unmodifiableList(out);
    }

    static List<Use> passthrough(VmModel vm) {
        List<Use> out = new ArrayList<>(vm.passthrough().size());
        for (VmModel.Pt p : vm.passthrough()) {
            List<BoardModel.Irq> irqs = p.device().irqs();
            for (int k = 0; k < irqs.size(); k++) { // an iterator per device was most of what this allocated
                BoardModel.Irq irq = irqs.get(k);
                out.add(new Use(irq.id(), vm.name(), true, p.device().name(), p.span(), irq.span()));
            }
        }
        return out;
    }

    static List<Use> emulated(VmModel vm) {
        List<Use> out = new ArrayList<>(vm.virtio().size());
        for (VmModel.Virtio v : vm.virtio()) out.add(new Use(v.irq(), vm.name(), false, v.kind(), v.irqSpan(), v.span()));
        return out;
    }

    static boolean isGic(BoardModel board) {
        return board.intc().kind() != InterruptControllerPlan.Kind.PLIC;
    }

    /**
     * What the hypervisor keeps an interrupt for in this system, or null when it is free for VMs: the
     * board's console's interrupt goes with the console to the VM `console to` hands it to.
     */
    static String reservedFor(org.shyperc.compiler.model.Instance in, int id) {
        String what = reservedFor(in.board(), id);
        return what == CONSOLE_IRQ && in.consoleOwner() != null ? null : what;
    }

    private static final String CONSOLE_IRQ = "the hypervisor console's interrupt";

    /** What the hypervisor keeps an interrupt for on this board, or null when it is free for VMs. */
    static String reservedFor(BoardModel board, int id) {
        if (isGic(board) && id == board.intc().maintenanceIrq()) return "the GIC maintenance interrupt";
        BoardModel.Hyp h = board.hyp();
        if (isGic(board) && id == h.timerIrq()) return "the hypervisor timer";
        if (isGic(board) && id == h.ipiSgi()) return "the hypervisor's IPI";
        if (h.hypercallIrq() >= 0 && id == h.hypercallIrq()) return "the hypervisor's hypercall interrupt";
        // the runtime takes console input on it (and refuses a configuration giving it to a VM)
        BoardModel.Device console = board.device(h.console());
        if (console != null) for (BoardModel.Irq i : console.irqs()) if (i.id() == id) return CONSOLE_IRQ;
        return null;
    }
}
