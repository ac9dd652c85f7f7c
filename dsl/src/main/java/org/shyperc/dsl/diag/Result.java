package org.shyperc.dsl.diag;

import java.util.List;

/** What every stage returns: a value (possibly partial, possibly null) and the problems found. */
public record Result<T>(T value, List<Diagnostic> diagnostics) {

    public Result {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
