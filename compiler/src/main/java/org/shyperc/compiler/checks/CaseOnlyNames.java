package org.shyperc.compiler.checks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0212 (warning): names that become file names and differ only in letter case. Each VM's outputs are named
 * after it (`<vm>.dts`, `<vm>.dtb`, `rust-shyper/<vm>.json`), each instance's folder after its system and board
 * (`<system>/<board>/`, and `check --report`'s `<system>.<board>.html`); where the file system does not tell case
 * apart, the two are one, and the build keeps one of them.
 */
public final class CaseOnlyNames implements Check {
    private static final String WHERE = "where the file system does not tell case apart (macOS's and Windows' by default)";

    @Override
    public Code code() { return Codes.CASE_ONLY_NAMES; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        Map<String, VmModel> seen = new HashMap<>();
        for (VmModel vm : in.vms()) {
            VmModel first = seen.putIfAbsent(vm.name().toLowerCase(Locale.ROOT), vm);
            if (first == null || first.name().equals(vm.name())) continue;
            out.report(vm.span(), "The names of vm `" + first.name() + "` and vm `" + vm.name() + "` differ only in letter case: "
                    + WHERE + ", their outputs `" + first.name() + ".dts` and `" + vm.name() + ".dts` are one file, and the "
                    + "build keeps only one VM's.")
                    .related(first.span(), "vm `" + first.name() + "` is declared here")
                    .hint("Rename one of them so that the names differ in more than case.");
        }
    }

    /** Two instances whose folders `<system>/<board>/` are one without case: said once per pair of names. */
    @Override
    public void checkInstances(List<Instance> instances, Reporter out) {
        Map<String, Instance> seen = new HashMap<>();
        Set<String> said = new HashSet<>();
        for (Instance in : instances) {
            Instance first = seen.putIfAbsent(folder(in).toLowerCase(Locale.ROOT), in);
            if (first == null || folder(first).equals(folder(in))) continue;
            if (first.system().equals(in.system())) {
                if (!said.add("board " + first.board().name() + " " + in.board().name())) continue;
                out.report(in.systemSpan(), "System `" + in.system() + "` is built for board `" + first.board().name()
                        + "` and board `" + in.board().name() + "`, whose names differ only in letter case: " + WHERE
                        + ", their output folders `" + folder(first) + "/` and `" + folder(in) + "/` are one, and the build "
                        + "keeps only one board's.")
                        .related(first.board().span(), "board `" + first.board().name() + "` is declared here")
                        .related(in.board().span(), "board `" + in.board().name() + "` is declared here")
                        .hint("Rename one of the boards so that the names differ in more than case.");
            } else {
                if (!said.add("system " + first.system() + " " + in.system())) continue;
                out.report(in.systemSpan(), "The names of system `" + first.system() + "` and system `" + in.system()
                        + "` differ only in letter case: " + WHERE + ", their output folders `" + folder(first) + "/` and `"
                        + folder(in) + "/` are one, and the build keeps only one system's.")
                        .related(first.systemSpan(), "system `" + first.system() + "` is declared here")
                        .hint("Rename one of them so that the names differ in more than case.");
            }
        }
    }

    private static String folder(Instance in) {
        return in.system() + "/" + in.board().name();
    }
}
