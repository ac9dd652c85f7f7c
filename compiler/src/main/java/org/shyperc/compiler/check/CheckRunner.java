package org.shyperc.compiler.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Runs the registered checks in order. A prerequisite that failed skips a check only for the
 * items it failed on ({@link Failures}): each check leaves those out, and a finding that still
 * names one is dropped as a follow-on. Every other item is checked, so one mistake never hides
 * another.
 *
 * <p>A large instance is checked on two threads. What a check finds depends on the instance and on
 * the failures under its prerequisites' codes alone, so each check first runs against the failures
 * as they were before any check of the instance; the findings are then taken in the checks' order,
 * and a check one of whose prerequisites an earlier check of the instance failed is run again at
 * that point, as the sequential run would have. The result is the sequential one, whatever the
 * threads did.
 */
public final class CheckRunner {
    /** Mapping entries of all VMs together from which an instance is checked on two threads. */
    static final int PARALLEL_FROM = 20_000;

    private final List<Check> checks;
    /** Severity changes (`-W`/`-E`), applied before a finding counts as a failure. */
    private final UnaryOperator<Diagnostic> tune;
    private final int parallelFrom;

    public CheckRunner(List<Check> checks) { this(checks, UnaryOperator.identity()); }

    public CheckRunner(List<Check> checks, UnaryOperator<Diagnostic> tune) { this(checks, tune, PARALLEL_FROM); }

    /** {@code parallelFrom}: the instance size from which two threads check it (0: always; MAX_VALUE: never). */
    CheckRunner(List<Check> checks, UnaryOperator<Diagnostic> tune, int parallelFrom) {
        this.checks = List.copyOf(checks);
        this.tune = tune;
        this.parallelFrom = parallelFrom;
    }

    /** Board-level checks; their errors are added to {@code failures}. */
    public List<Diagnostic> runBoard(BoardModel board, Failures failures) {
        List<Diagnostic> all = new ArrayList<>();
        for (Check check : checks) {
            List<Diagnostic.Builder> found = new ArrayList<>();
            check.checkBoard(board, reporter(check, failures, null, found));
            all.addAll(keep(check, found, failures));
        }
        return all;
    }

    /** Checks of one placed instance; {@code failures} starts with its board's and the layout's. */
    public List<Diagnostic> runInstance(Instance instance, Failures failures) {
        Derived derived = new Derived(instance);
        if (size(instance) >= parallelFrom && checks.size() > 1) return runInstanceOnTwo(instance, failures, derived);
        List<Diagnostic> all = new ArrayList<>();
        for (Check check : checks) {
            List<Diagnostic.Builder> found = new ArrayList<>();
            check.checkInstance(instance, reporter(check, failures, derived, found));
            all.addAll(keep(check, found, failures));
        }
        return all;
    }

    private static int size(Instance in) {
        int n = 0;
        for (VmModel vm : in.vms()) n += vm.map().size();
        return n;
    }

    private List<Diagnostic> runInstanceOnTwo(Instance instance, Failures failures, Derived derived) {
        int n = checks.size();
        @SuppressWarnings("unchecked")
        List<Diagnostic.Builder>[] found = new List[n];
        boolean[] threw = new boolean[n];
        AtomicInteger next = new AtomicInteger();
        // both threads only read the failures until they are done: the findings are added below
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                Check check = checks.get(i);
                List<Diagnostic.Builder> f = new ArrayList<>();
                try {
                    check.checkInstance(instance, reporter(check, failures, derived, f));
                    found[i] = f;
                } catch (RuntimeException | Error e) {
                    threw[i] = true; // run again in order below, where it throws as it would have
                }
            }
        };
        Thread helper = new Thread(work, "shyperc-checks");
        helper.setDaemon(true);
        helper.start();
        work.run();
        boolean interrupted = false;
        while (true) {
            try {
                helper.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the helper runs a finite list; wait for it, then pass the interrupt on
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        List<Diagnostic> all = new ArrayList<>();
        Set<Code> failedHere = new HashSet<>(); // codes of the errors the instance's checks added so far
        for (int i = 0; i < n; i++) {
            Check check = checks.get(i);
            List<Diagnostic.Builder> f = found[i];
            if (threw[i] || f == null || failedAny(check.prerequisites(), failedHere)) {
                f = new ArrayList<>();
                check.checkInstance(instance, reporter(check, failures, derived, f));
            }
            List<Diagnostic> kept = keep(check, f, failures);
            for (Diagnostic d : kept) if (d.isError()) failedHere.add(d.code());
            all.addAll(kept);
        }
        return all;
    }

    private static boolean failedAny(List<Code> prerequisites, Set<Code> failed) {
        if (failed.isEmpty()) return false;
        for (Code c : prerequisites) if (failed.contains(c)) return true;
        return false;
    }

    /** The findings that are not follow-ons, tuned, recorded as failures. */
    private List<Diagnostic> keep(Check check, List<Diagnostic.Builder> found, Failures failures) {
        List<Code> prerequisites = check.prerequisites();
        // a check's own findings are recorded after it ran: it cannot skip what it reports itself
        List<Diagnostic> kept = new ArrayList<>(found.size());
        for (Diagnostic.Builder b : found) {
            Diagnostic d = tune.apply(b.build());
            if (!failures.involves(d, prerequisites)) kept.add(d);
        }
        failures.addAll(kept);
        return kept;
    }

    /** {@code derived}: what the checks of one instance share, or null on a board. */
    private static Reporter reporter(Check check, Failures failures, Derived derived, List<Diagnostic.Builder> found) {
        List<Code> prerequisites = check.prerequisites();
        boolean mayLeaveOut = failures.mayLeaveOut(prerequisites); // failures change only between checks
        return new Reporter() {
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
    }
}
