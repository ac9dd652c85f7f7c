package org.shyperc.compiler.checks;

import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1101: a system built into the shyper image has at least one VM, and no more than the runtime's VM table holds. */
public final class VmCount implements Check {
    @Override
    public Code code() { return Codes.VM_COUNT; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        int n = in.vms().size();
        if (n == 0) {
            out.report(in.systemSpan(), "System `" + in.system() + "` has no VM; the hypervisor runtime needs at least one.")
                    .hint("Declare a VM with `vm NAME : baremetal { cpus [0]; memory @ 0x0 size 16 MiB; kernel \"FILE\" @ 0x0 }`.");
        } else if (n > RuntimeLimits.MAX_VMS) {
            out.report(in.vms().get(RuntimeLimits.MAX_VMS).span(), "System `" + in.system() + "` has " + n
                    + " VMs; the hypervisor runtime holds at most " + RuntimeLimits.MAX_VMS + ".")
                    .related(in.systemSpan(), "the system is declared here")
                    .hint("Its VM table has " + RuntimeLimits.MAX_VMS + " entries (`SHY_MAX_VMS`): merge VMs, or split the system.");
        }
    }
}
