package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0401: every core a VM names exists on the board. */
public final class NoSuchCore implements Check {
    @Override
    public Code code() { return Codes.NO_SUCH_CORE; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        int n = in.board().cores().size();
        if (n == 0) return; // a board without cores: SHY0208 says so, and no core of it can be asked for
        for (VmModel vm : in.vms()) {
            for (VmModel.CoreRef c : vm.cpus()) {
                if (c.core() < n) continue;
                var d = out.report(c.span(), "VM `" + vm.name() + "` asks for core " + c.core() + ", but board `"
                        + in.board().name() + "` has " + (n == 1 ? "only core 0" : "cores 0.." + (n - 1)) + ".");
                d.related(in.board().cores().get(0).span(), "the board's cores are declared here");
            }
        }
    }
}
