package org.shyperc.compiler.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/** Runs the registered checks in order, skipping those whose prerequisites failed. */
public final class CheckRunner {
    private final List<Check> checks;

    public CheckRunner(List<Check> checks) { this.checks = List.copyOf(checks); }

    /** {@code failed} holds codes already failed upstream (binder, layout) for this scope. */
    public List<Diagnostic> runBoard(BoardModel board, Set<Code> failed) {
        return run(failed, (c, r) -> c.checkBoard(board, r));
    }

    public List<Diagnostic> runInstance(Instance instance, Set<Code> failed) {
        return run(failed, (c, r) -> c.checkInstance(instance, r));
    }

    private List<Diagnostic> run(Set<Code> upstream, java.util.function.BiConsumer<Check, Reporter> body) {
        Set<Code> failed = new HashSet<>(upstream);
        List<Diagnostic> all = new ArrayList<>();
        for (Check check : checks) {
            if (check.prerequisites().stream().anyMatch(failed::contains)) continue;
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
            };
            body.accept(check, r);
            for (Diagnostic.Builder b : found) {
                Diagnostic d = b.build();
                all.add(d);
                if (d.isError()) failed.add(d.code());
            }
        }
        return all;
    }
}
