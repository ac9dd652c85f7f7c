package org.shyperc.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Runs the registered checks in order. A prerequisite that failed skips a check only for the
 * items it failed on ({@link Failures}): each check leaves those out, and a finding that still
 * names one is dropped as a follow-on. Every other item is checked, so one mistake never hides
 * another.
 */
public final class CheckRunner {
    private final List<Check> checks;
    /** Severity changes (`-W`/`-E`), applied before a finding counts as a failure. */
    private final UnaryOperator<Diagnostic> tune;

    public CheckRunner(List<Check> checks) { this(checks, UnaryOperator.identity()); }

    public CheckRunner(List<Check> checks, UnaryOperator<Diagnostic> tune) {
        this.checks = List.copyOf(checks);
        this.tune = tune;
    }

    /** Board-level checks; their errors are added to {@code failures}. */
    public List<Diagnostic> runBoard(BoardModel board, Failures failures) {
        return run(failures, null, (c, r) -> c.checkBoard(board, r));
    }

    /** Checks of one placed instance; {@code failures} starts with its board's and the layout's. */
    public List<Diagnostic> runInstance(Instance instance, Failures failures) {
        return run(failures, new Derived(instance), (c, r) -> c.checkInstance(instance, r));
    }

    /** {@code derived}: what the checks of one instance share, or null on a board. */
    private List<Diagnostic> run(Failures failures, Derived derived, BiConsumer<Check, Reporter> body) {
        List<Diagnostic> all = new ArrayList<>();
        for (Check check : checks) {
            List<Code> prerequisites = check.prerequisites();
            boolean mayLeaveOut = failures.mayLeaveOut(prerequisites); // failures change only between checks
            List<Diagnostic.Builder> found = new ArrayList<>();
            Reporter r = new Reporter() {
                @Override
                public Diagnostic.Builder report(SourceSpan span, String message) {
                    return report(check.code(), span, message);
                }

                @Override
                public Diagnostic.Builder report(Code code, SourceSpan span, String message) {
                    Diagnostic.Builder b = Diagnostic.of(code, span, message);
                    found.add(b);
                    return b;
                }

                @Override
                public boolean skips(SourceSpan item) {
                    return mayLeaveOut && failures.skips(item, prerequisites);
                }

                @Override
                public <T> T derived(Derived.Key<T> key, Instance in) {
                    return derived == null ? key.make(in) : derived.get(key, in);
                }
            };
            body.accept(check, r);
            // a check's own findings are recorded after it ran: it cannot skip what it reports itself
            List<Diagnostic> kept = new ArrayList<>(found.size());
            for (Diagnostic.Builder b : found) {
                Diagnostic d = tune.apply(b.build());
                if (!failures.involves(d, prerequisites)) kept.add(d);
            }
            failures.addAll(kept);
            all.addAll(kept);
        }
        return all;
    }
}
