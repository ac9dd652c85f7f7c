package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.Lifecycle;

/** SHY1505: a VM's watchdog period is 10 ms to one hour (the config blob holds 24 bits of milliseconds). */
public final class WatchdogRange implements Check {
    @Override
    public Code code() { return Codes.WATCHDOG_RANGE; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            VmModel.Life life = vm.lifecycle();
            int ms = life.value().watchdogMs();
            if (life.watchdog() == null || ms >= Lifecycle.WATCHDOG_MIN_MS && ms <= Lifecycle.WATCHDOG_MAX_MS) continue;
            out.report(life.watchdog(), "The watchdog period of VM `" + vm.name() + "` is "
                    + (ms == Integer.MAX_VALUE ? "more than 2^31 ms" : ms + " ms") + "; the runtime keeps "
                    + Lifecycle.WATCHDOG_MIN_MS + " ms to " + Lifecycle.WATCHDOG_MAX_MS + " ms.")
                    .hint(ms < Lifecycle.WATCHDOG_MIN_MS ? "Give the guest at least " + Lifecycle.WATCHDOG_MIN_MS
                            + " ms between kicks." : "Drop the watchdog, or have the guest kick at least once an hour.");
        }
    }
}
