package org.shyperc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** What checks derive from an instance is made once per instance by the runner, and never handed to another instance. */
class DerivedTest {
    /** Counts how often it is made, and says for which instance. */
    static final class Made {
        final AtomicInteger count = new AtomicInteger();
        final Derived.Key<String> key = new Derived.Key<>(in -> in.system() + " #" + count.incrementAndGet());
    }

    /** A check that reads the derived value and writes down what it got. */
    static final class Reading implements Check {
        final Derived.Key<String> key;
        final List<String> seen;
        Reading(Derived.Key<String> key, List<String> seen) {
            this.key = key;
            this.seen = seen;
        }
        @Override public Code code() { return Codes.VM_COUNT; }
        @Override public void checkInstance(Instance in, Reporter out) { seen.add(out.derived(key, in)); }
        @Override public void checkBoard(BoardModel board, Reporter out) { seen.add("board"); }
    }

    @Test
    void theChecksOfOneInstanceShareOneValue() {
        Instance in = TargetCheckTest.instance();
        Made made = new Made();
        List<String> seen = new ArrayList<>();
        CheckRunner runner = new CheckRunner(List.of(new Reading(made.key, seen), new Reading(made.key, seen),
                new Reading(made.key, seen)));
        runner.runInstance(in, new Failures(List.of()));
        assertEquals(List.of("s #1", "s #1", "s #1"), seen);
        assertEquals(1, made.count.get());
        // another run (the next instance, or the same checked again) makes its own
        runner.runInstance(in, new Failures(List.of()));
        assertEquals("s #2", seen.get(3));
        assertEquals(2, made.count.get());
    }

    @Test
    void anotherInstanceIsNeverGivenThisOnesValue() {
        Instance in = TargetCheckTest.instance();
        Instance other = in.with(in.vms(), in.shared()); // equal, but another instance
        Made made = new Made();
        Derived d = new Derived(in);
        String mine = d.get(made.key, in);
        assertSame(mine, d.get(made.key, in));
        String theirs = d.get(made.key, other);
        assertNotSame(mine, theirs);
        assertEquals(2, made.count.get());
        // made afresh each time for the other, kept for this one
        d.get(made.key, other);
        assertEquals(3, made.count.get());
        assertSame(mine, d.get(made.key, in));
    }

    @Test
    void twoKeysAreTwoValues() {
        Instance in = TargetCheckTest.instance();
        Made a = new Made();
        Made b = new Made();
        Derived d = new Derived(in);
        assertEquals("s #1", d.get(a.key, in));
        assertEquals("s #1", d.get(b.key, in));
        assertEquals(1, a.count.get());
        assertEquals(1, b.count.get());
    }

    @Test
    void aReporterThatKeepsNothingMakesItAfresh() {
        Instance in = TargetCheckTest.instance();
        Made made = new Made();
        Reporter bare = new Reporter() {
            @Override public org.shyperc.dsl.diag.Diagnostic.Builder report(org.shyperc.dsl.source.SourceSpan s, String m) {
                throw new AssertionError();
            }
            @Override public org.shyperc.dsl.diag.Diagnostic.Builder report(Code c, org.shyperc.dsl.source.SourceSpan s,
                    String m) {
                throw new AssertionError();
            }
            @Override public boolean skips(org.shyperc.dsl.source.SourceSpan item) { return false; }
        };
        bare.derived(made.key, in);
        bare.derived(made.key, in);
        assertEquals(2, made.count.get());
    }
}
