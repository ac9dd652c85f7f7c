package org.shyperc.compiler.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Runs the registered checks. A prerequisite that failed skips a check only for the items it
 * failed on ({@link Failures}): each check leaves those out, and a finding that still names one is
 * dropped as a follow-on. Every other item is checked, so one mistake never hides another.
 *
 * <p>A check reads only its prerequisites' failures, and reports only its own code, so the checks
 * fall into waves: a check's wave comes after the waves of the checks it depends on. On a large
 * system the checks of one wave run in parallel; their failures are recorded when the wave ends and
 * their findings are returned in registration order, so the result is the same as one by one.
 */
public final class CheckRunner {
    /** Items (devices, VM memory regions, passthroughs) from which a wave's checks run in parallel. */
    public static final int PARALLEL_FROM = 4_096;

    private final List<Check> checks;
    /** The checks' indices in {@link #checks}, wave by wave, each wave in registration order. */
    private final List<int[]> waves;
    /** Severity changes (`-W`/`-E`), applied before a finding counts as a failure. */
    private final UnaryOperator<Diagnostic> tune;
    private final int parallelFrom;

    public CheckRunner(List<Check> checks) { this(checks, Severities.NONE); }

    public CheckRunner(List<Check> checks, UnaryOperator<Diagnostic> tune) { this(checks, tune, PARALLEL_FROM); }

    /** {@code parallelFrom}: the size of a board or system from which a wave runs in parallel (tests pass 0). */
    public CheckRunner(List<Check> checks, UnaryOperator<Diagnostic> tune, int parallelFrom) {
        this.checks = List.copyOf(checks);
        this.waves = waves(this.checks);
        this.tune = tune;
        this.parallelFrom = parallelFrom;
    }

    /** Board-level checks; their errors are added to {@code failures}. */
    public List<Diagnostic> runBoard(BoardModel board, Failures failures) {
        boolean parallel = board.devices().size() >= parallelFrom;
        return run(failures, null, parallel, board, null);
    }

    /** Checks of one placed instance; {@code failures} starts with its board's and the layout's. */
    public List<Diagnostic> runInstance(Instance instance, Failures failures) {
        return run(failures, new Derived(instance), instance.items() >= parallelFrom, null, instance);
    }

    /** The checks between instances ({@link Check#checkInstances}), once over all of them, in registration order. */
    public List<Diagnostic> runInstances(List<Instance> instances) {
        List<Diagnostic> all = new ArrayList<>();
        for (Check check : checks) {
            Collecting r = new Collecting(check) {
                @Override
                public boolean skips(SourceSpan item) { return false; }
            };
            check.checkInstances(instances, r);
            for (Diagnostic.Builder b : r.found) all.add(tune.apply(b.build()));
        }
        return all;
    }

    /**
     * {@code derived}: what the checks of one instance share, or null on a board; the checks check
     * {@code board}, or {@code instance} when that is not null.
     */
    private List<Diagnostic> run(Failures failures, Derived derived, boolean parallel, BoardModel board, Instance instance) {
        List<List<Diagnostic>> byCheck = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) byCheck.add(List.of());
        for (int[] wave : waves) {
            if (parallel && wave.length > 1) {
                failures.readyForSharing();
                // a large system only, where linking the stream's lambdas costs nothing against the work
                List<List<Diagnostic>> found = IntStream.of(wave).parallel()
                        .mapToObj(i -> runOne(checks.get(i), failures, derived, board, instance)).toList();
                for (int k = 0; k < wave.length; k++) byCheck.set(wave[k], found.get(k));
            } else {
                for (int i : wave) byCheck.set(i, runOne(checks.get(i), failures, derived, board, instance));
            }
            // failures change only between waves: no check reads the failures of its own wave
            for (int i : wave) failures.addAll(byCheck.get(i));
        }
        List<Diagnostic> all = new ArrayList<>();
        for (List<Diagnostic> found : byCheck) all.addAll(found);
        return all;
    }

    /** One check's findings, less those that name an item one of its prerequisites failed on. */
    private List<Diagnostic> runOne(Check check, Failures failures, Derived derived, BoardModel board, Instance instance) {
        List<Code> prerequisites = check.prerequisites();
        boolean mayLeaveOut = failures.mayLeaveOut(prerequisites);
        Collecting r = new Collecting(check) {
            @Override
            public boolean skips(SourceSpan item) {
                return mayLeaveOut && failures.skips(item, prerequisites);
            }

            @Override
            public <T> T derived(Derived.Key<T> key, Instance in) {
                return derived == null ? key.make(in) : derived.get(key, in);
            }
        };
        if (instance != null) check.checkInstance(instance, r);
        else check.checkBoard(board, r);
        // a check's own findings are recorded after it ran: it cannot skip what it reports itself
        List<Diagnostic> kept = new ArrayList<>(r.found.size());
        for (Diagnostic.Builder b : r.found) {
            Diagnostic d = tune.apply(b.build());
            if (!failures.involves(d, prerequisites)) kept.add(d);
        }
        return kept;
    }

    /** A reporter that keeps what a check reports, in order; the caller says what it skips. */
    private abstract static class Collecting implements Reporter {
        final List<Diagnostic.Builder> found = new ArrayList<>();
        private final Check check;

        Collecting(Check check) { this.check = check; }

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
    }

    /**
     * Wave of a check: one past the latest wave of a check whose code it names as a prerequisite
     * (those come earlier in the list: ChecksRegistryTest), 0 without any.
     */
    static List<int[]> waves(List<Check> checks) {
        Map<Code, Integer> waveOf = new HashMap<>();
        int[] wave = new int[checks.size()];
        int last = -1;
        for (int i = 0; i < checks.size(); i++) {
            int w = 0;
            for (Code p : checks.get(i).prerequisites()) {
                Integer pw = waveOf.get(p);
                if (pw != null) w = Math.max(w, pw + 1);
            }
            wave[i] = w;
            Integer had = waveOf.get(checks.get(i).code());
            waveOf.put(checks.get(i).code(), had == null ? w : Math.max(had, w));
            last = Math.max(last, w);
        }
        List<int[]> out = new ArrayList<>();
        for (int w = 0; w <= last; w++) {
            int n = 0;
            for (int i = 0; i < checks.size(); i++) if (wave[i] == w) n++;
            int[] these = new int[n];
            n = 0;
            for (int i = 0; i < checks.size(); i++) if (wave[i] == w) these[n++] = i;
            out.add(these);
        }
        return List.copyOf(out);
    }
}
