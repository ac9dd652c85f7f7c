package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0404: at most one VM is the management VM. */
public final class ManagementCount implements Check {
    @Override
    public Code code() { return Codes.MANAGEMENT_COUNT; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        VmModel first = null;
        for (VmModel vm : in.vms()) {
            if (!vm.management()) continue;
            if (first == null) {
                first = vm;
                continue;
            }
            out.report(vm.managementSpan() != null ? vm.managementSpan() : vm.span(), "VM `" + vm.name()
                    + "` is marked `management`, but vm `" + first.name() + "` already is.")
                    .related(first.managementSpan() != null ? first.managementSpan() : first.span(),
                            "vm `" + first.name() + "` is marked `management` here")
                    .hint("Rust-Shyper has one management VM; drop `management` from all but one.");
        }
    }
}
