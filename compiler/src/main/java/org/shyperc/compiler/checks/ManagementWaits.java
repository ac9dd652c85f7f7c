package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1507: the management VM starts at boot; nothing else could start it. */
public final class ManagementWaits implements Check {
    @Override
    public Code code() { return Codes.MANAGEMENT_WAITS; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            if (!vm.management() || !vm.lifecycle().value().waits()) continue;
            out.report(vm.lifecycle().start(), "VM `" + vm.name() + "` is the management VM and waits to be started, "
                    + "but only the management VM may start a waiting VM.")
                    .related(vm.managementSpan() != null ? vm.managementSpan() : vm.span(), "it is marked `management` here")
                    .hint("Drop `start waiting` from it: the management VM starts at boot.");
        }
    }
}
