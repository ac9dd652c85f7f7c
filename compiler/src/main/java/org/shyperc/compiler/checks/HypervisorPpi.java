package org.shyperc.compiler.checks;

import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.InterruptControllerPlan;

/**
 * SHY1109: the private interrupts the runtime uses itself, the GIC maintenance interrupt and the
 * virtual and hypervisor timers (the third and fourth of the board's `timer irq` list), are PPIs
 * (16-31) and differ from each other.
 */
public final class HypervisorPpi implements Check {
    @Override
    public Code code() { return Codes.HYPERVISOR_PPI; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel b = in.board();
        if (b.intc().kind() == InterruptControllerPlan.Kind.PLIC || b.timerIrqs().size() < 4) return;
        int[] ppi = {b.intc().maintenanceIrq(), b.timerIrqs().get(2), b.timerIrqs().get(3)};
        String[] what = {"the GIC maintenance interrupt", "the virtual timer's interrupt", "the hypervisor timer's interrupt"};
        for (int i = 0; i < 3; i++) {
            boolean isPpi = ppi[i] >= RuntimeLimits.FIRST_PPI && ppi[i] < RuntimeLimits.FIRST_SPI;
            int same = -1;
            for (int j = 0; j < i; j++) if (ppi[j] == ppi[i]) same = j;
            if (isPpi && same < 0) continue;
            out.report(i == 0 ? b.intc().maintenanceSpan() : b.span(), "On board `" + b.name() + "`, " + what[i] + " is INTID "
                    + ppi[i] + (isPpi ? ", the same as " + what[same] : ", not a PPI") + "; the hypervisor runtime needs "
                    + "three different PPIs (16 to 31) for the maintenance interrupt and the two timers.")
                    .related(in.systemSpan(), "system `" + in.system() + "` is built for it here")
                    .hint("Take them from the board's device tree: the GIC's `interrupts` and the timer's third and fourth.");
        }
    }
}
