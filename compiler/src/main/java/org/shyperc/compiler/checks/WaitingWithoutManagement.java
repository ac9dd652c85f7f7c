package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1506: a VM that waits to be started needs a management VM, the only one allowed to start it. */
public final class WaitingWithoutManagement implements Check {
    @Override
    public Code code() { return Codes.WAITING_WITHOUT_MANAGEMENT; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) if (vm.management()) return;
        for (VmModel vm : in.vms()) {
            if (!vm.lifecycle().value().waits()) continue;
            out.report(vm.lifecycle().start(), "VM `" + vm.name() + "` waits to be started, but system `" + in.system()
                    + "` has no management VM to start it.")
                    .hint("Mark the VM that starts it `management` (`vm NAME : linux management`), or write `start boot`.");
        }
    }
}
