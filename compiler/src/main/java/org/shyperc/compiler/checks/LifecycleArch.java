package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;

/**
 * SHY1508 (shyper image): the riscv64 runtime keeps the default lifecycle only; it refuses a blob
 * that asks for more, so the compiler says so first, at the first lifecycle item of each such VM.
 */
public final class LifecycleArch implements Check {
    @Override
    public Code code() { return Codes.LIFECYCLE_ARCH; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (in.board().arch() != BoardPlan.Arch.RISCV64) return;
        for (VmModel vm : in.vms()) {
            if (vm.lifecycle().value().isDefault() || vm.lifecycle().first() == null) continue;
            out.report(vm.lifecycle().first(), "VM `" + vm.name() + "` asks for a lifecycle (policies, `start waiting` or a "
                    + "watchdog) that the riscv64 runtime does not implement yet.")
                    .hint("On board `" + in.board().name() + "` leave the VM's lifecycle at its default (faults and SBI "
                            + "shutdown halt it, an SBI reboot restarts it), or move the system to an aarch64 board.");
        }
    }
}
