package org.shyperc.compiler;

import java.util.List;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.Program;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.plan.Plan;

/**
 * The result of one run of the front end: every file read, the bound program, each placed
 * instance and, for instances without errors, its Plan; all diagnostics sorted by position, and how many warnings
 * `-A` left out of them (a summary says so).
 */
public record Compilation(List<ShyFile> files, Program program, List<Placed> instances, List<Diagnostic> diagnostics,
                          int leftOut) {

    public Compilation {
        files = List.copyOf(files);
        instances = List.copyOf(instances);
        diagnostics = List.copyOf(diagnostics);
    }

    public Compilation(List<ShyFile> files, Program program, List<Placed> instances, List<Diagnostic> diagnostics) {
        this(files, program, instances, diagnostics, 0);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** One system on one board after placement; plan is null when the instance has errors. */
    public record Placed(Instance instance, Plan plan) { }
}
