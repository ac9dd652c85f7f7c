package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0701: guest image files exist and are readable. A warning by default so `check` runs
 * without build artefacts; `build` raises it to an error ({@code Compiler.forBuild()}).
 */
public final class ImageMissing implements Check {
    @Override
    public Code code() { return Codes.IMAGE_MISSING; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            test(out, vm, "kernel", vm.kernel());
            test(out, vm, "initrd", vm.initrd());
        }
    }

    private static void test(Reporter out, VmModel vm, String what, VmModel.Payload p) {
        if (p == null || p.size() >= 0) return;
        var d = out.report(p.span(), "The " + what + " `" + p.path() + "` of vm `" + vm.name() + "` cannot be read.");
        d.hint(p.resolved() == null ? "The system was not read from disk, so the path has no folder to resolve in."
                : "Paths are relative to the system file's folder; it was looked for at `"
                + p.resolved().toString().replace('\\', '/') + "`.");
    }
}
