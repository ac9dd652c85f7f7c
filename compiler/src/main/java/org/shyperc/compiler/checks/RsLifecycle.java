package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.Lifecycle;

/**
 * SHY1509 (warning, on a board Rust-Shyper runs on): Rust-Shyper's VM configs have no fault
 * policy and no watchdog; its guest VMs are always booted from the management VM.
 */
public final class RsLifecycle implements Check {
    @Override
    public Code code() { return Codes.RS_LIFECYCLE; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            Lifecycle l = vm.lifecycle().value();
            if (vm.lifecycle().first() == null || l.withWaits(false).isDefault()) continue;
            out.report(vm.lifecycle().first(), "Rust-Shyper's VM configs cannot say what VM `" + vm.name()
                    + "` does when it faults, powers off or resets, nor give it a watchdog: its lifecycle is left out of "
                    + "its files.")
                    .hint("shyperc's own image keeps the lifecycle; under Rust-Shyper the management VM boots and "
                            + "restarts guest VMs itself (`shyper vm boot`).");
        }
    }
}
