package org.shyperc.compiler.checks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0402: each physical core belongs to at most one VM. */
public final class CoreShared implements Check {
    @Override
    public Code code() { return Codes.CORE_SHARED; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.NO_SUCH_CORE); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        record Owner(VmModel vm, VmModel.CoreRef ref) { }
        Map<Integer, Owner> owners = new HashMap<>();
        String hint = null; // the same for every report: found once, not once per shared core
        for (VmModel vm : in.vms()) {
            for (VmModel.CoreRef c : vm.cpus()) {
                if (out.skips(c.span())) continue;
                Owner first = owners.putIfAbsent(c.core(), new Owner(vm, c));
                if (first == null || first.vm() == vm) continue;
                if (hint == null) hint = free(in);
                out.report(c.span(), "Core " + c.core() + " is given to vm `" + vm.name() + "`, but it already belongs to vm `"
                        + first.vm().name() + "`.")
                        .related(first.ref().span(), "core " + c.core() + " is given to vm `" + first.vm().name() + "` here")
                        .hint(hint);
            }
        }
    }

    /** Names a core nobody has, as a way out. */
    private static String free(Instance in) {
        java.util.BitSet used = new java.util.BitSet();
        for (VmModel vm : in.vms()) for (VmModel.CoreRef c : vm.cpus()) used.set(c.core());
        int i = used.nextClearBit(0);
        if (i < in.board().cores().size()) return "Core " + i + " is not given to any VM.";
        return "Every core of board `" + in.board().name() + "` is taken: drop this core or merge the VMs.";
    }
}
