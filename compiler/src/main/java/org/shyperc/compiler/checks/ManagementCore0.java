package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0405: the management VM, when there is one, owns core 0 (Rust-Shyper boots it there). */
public final class ManagementCore0 implements Check {
    @Override
    public Code code() { return Codes.MANAGEMENT_CORE0; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.MANAGEMENT_COUNT, Codes.CORE_SHARED, Codes.NO_SUCH_CORE); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        VmModel mvm = null;
        VmModel owner = null;
        VmModel.CoreRef ownerRef = null;
        for (VmModel vm : in.vms()) {
            // a second management VM (SHY0404) is left out: the first is the one judged
            if (vm.management() && mvm == null && !out.skips(vm.managementSpan())) mvm = vm;
            for (VmModel.CoreRef c : vm.cpus()) {
                if (c.core() == 0 && owner == null && !out.skips(c.span())) {
                    owner = vm;
                    ownerRef = c;
                }
            }
        }
        // no core read at all (`cpus [1..0]`, `cpus []`, none): the error that says so is the one to fix first
        if (mvm == null || owner == mvm || mvm.cpus().isEmpty()) return;
        var d = out.report(mvm.managementSpan() != null ? mvm.managementSpan() : mvm.span(),
                "The management vm `" + mvm.name() + "` does not own core 0"
                        + (owner == null ? "." : "; vm `" + owner.name() + "` does."));
        if (owner != null) {
            d.related(ownerRef.span(), "vm `" + owner.name() + "` is given core 0 here")
                    .hint("Give core 0 to `" + mvm.name() + "` and another core to `" + owner.name() + "`.");
        } else {
            d.hint("Add core 0 to the `cpus` of `" + mvm.name() + "`.");
        }
    }
}
