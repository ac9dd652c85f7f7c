package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.compiler.rustshyper.RustShyperLimits;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0918 (warning), on a board Rust-Shyper runs on: a management VM, from which Rust-Shyper's def file is written. */
public final class RsNoManagement implements Check {
    @Override
    public Code code() { return Codes.RS_NO_MANAGEMENT; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        RustShyperLimits.Platform p = RustShyperLimits.platform(in.board().arch(), in.board().compatible());
        if (p == null || in.vms().isEmpty() || hasManagement(in)) return;
        out.report(in.systemSpan(), "No VM of system `" + in.system() + "` is the management VM, so no " + p.defFile
                + " is written for Rust-Shyper on `" + in.board().name() + "`.")
                .hint("Rust-Shyper boots its management VM on core 0 and starts the others through it: mark the VM on "
                        + "core 0 `management`.");
    }

    private static boolean hasManagement(Instance in) {
        for (VmModel vm : in.vms()) if (vm.management()) return true;
        return false;
    }
}
