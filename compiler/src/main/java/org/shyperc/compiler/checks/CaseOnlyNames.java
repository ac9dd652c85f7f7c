package org.shyperc.compiler.checks;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0212 (warning): two VMs of a system whose names differ only in letter case. Each VM's outputs are
 * named after it (`<vm>.dts`, `<vm>.dtb`, `rust-shyper/<vm>.json`); where the file system does not tell
 * case apart, the two VMs' files are one, and the build keeps one VM's.
 */
public final class CaseOnlyNames implements Check {
    @Override
    public Code code() { return Codes.CASE_ONLY_NAMES; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        Map<String, VmModel> seen = new HashMap<>();
        for (VmModel vm : in.vms()) {
            VmModel first = seen.putIfAbsent(vm.name().toLowerCase(Locale.ROOT), vm);
            if (first == null || first.name().equals(vm.name())) continue;
            out.report(vm.span(), "The names of vm `" + first.name() + "` and vm `" + vm.name() + "` differ only in letter case: "
                    + "where the file system does not tell case apart (macOS's and Windows' by default), their outputs `"
                    + first.name() + ".dts` and `" + vm.name() + ".dts` are one file, and the build keeps only one VM's.")
                    .related(first.span(), "vm `" + first.name() + "` is declared here")
                    .hint("Rename one of them so that the names differ in more than case.");
        }
    }
}
