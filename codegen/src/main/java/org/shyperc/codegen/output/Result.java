package org.shyperc.codegen.output;

import java.util.List;

/**
 * A value plus the problems found producing it. The value is null exactly when an
 * error made it impossible to produce one; warnings may accompany a value.
 */
public record Result<T>(T value, List<Problem> problems) {

    public Result {
        problems = List.copyOf(problems);
    }

    public static <T> Result<T> ok(T value) {
        return new Result<>(value, List.of());
    }

    public static <T> Result<T> fail(Problem problem) {
        return new Result<>(null, List.of(problem));
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
    }

    /** The value, or an IllegalStateException listing the problems (for tests and internal callers). */
    public T orThrow() {
        if (value == null || hasErrors()) {
            throw new IllegalStateException("failed: " + problems);
        }
        return value;
    }
}
