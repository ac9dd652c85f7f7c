package org.shyperc.compiler.checks;

import java.nio.charset.StandardCharsets;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1103: a VM's name fits the runtime's name field (31 bytes of UTF-8 and a NUL). */
public final class VmNameLength implements Check {
    @Override
    public Code code() { return Codes.VM_NAME_LENGTH; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        int max = RuntimeLimits.NAME_LEN - 1;
        for (VmModel vm : in.vms()) {
            int n = vm.name().getBytes(StandardCharsets.UTF_8).length;
            if (n <= max) continue;
            out.report(vm.span(), "The name of vm `" + vm.name() + "` is " + n + " bytes; the hypervisor runtime holds at most "
                    + max + ".")
                    .hint("The runtime prints it before each console line of the VM, from a " + RuntimeLimits.NAME_LEN
                            + "-byte field (`SHY_NAME_LEN`): shorten it.");
        }
    }
}
