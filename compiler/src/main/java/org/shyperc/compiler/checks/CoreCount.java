package org.shyperc.compiler.checks;

import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY1102: the board has no more cores than the runtime's core table holds. The table lists every
 * core of the board, used or not: the runtime must find the one the firmware starts it on.
 */
public final class CoreCount implements Check {
    @Override
    public Code code() { return Codes.CORE_COUNT; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel b = in.board();
        int n = b.cores().size();
        if (n <= RuntimeLimits.MAX_CPUS) return;
        out.report(b.cores().get(RuntimeLimits.MAX_CPUS).span(), "Board `" + b.name() + "` has " + n
                + " cores; the hypervisor runtime holds at most " + RuntimeLimits.MAX_CPUS + ".")
                .related(in.systemSpan(), "system `" + in.system() + "` is built for it here")
                .hint("Its core table has " + RuntimeLimits.MAX_CPUS + " entries (`SHY_MAX_CPUS`) and lists every core of the "
                        + "board; describe only the cores the firmware may start the hypervisor on and the VMs use.");
    }
}
