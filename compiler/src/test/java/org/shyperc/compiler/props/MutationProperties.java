package org.shyperc.compiler.props;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.shyperc.compiler.Compilation;
import org.shyperc.dsl.diag.Diagnostic;

/** One random mutation that breaks one invariant of a valid system is reported with that invariant's code. */
class MutationProperties {
    static final int TRIES = 600;

    record Case(SystemSpec spec, Mutation mutation) { }

    @Provide
    Arbitrary<Case> mutated() {
        return Arbitraries.randomValue(r -> {
            SystemSpec spec = Systems.generate(r, 2);
            Mutation m = Mutation.values()[r.nextInt(Mutation.values().length)];
            m.apply(spec, new Random(r.nextLong()));
            return new Case(spec, m);
        });
    }

    @Property(tries = TRIES)
    void aBrokenInvariantIsReportedWithItsCode(@ForAll("mutated") Case c) {
        String text = c.spec().text();
        Compilation comp = Systems.compile(text);
        assertTrue(comp.diagnostics().stream().anyMatch(d -> d.isError() && d.code() == c.mutation().code),
                () -> c.mutation() + " should give " + c.mutation().code + " but gave "
                        + comp.diagnostics().stream().filter(Diagnostic::isError)
                        .map(d -> d.code() + " " + d.span().location() + " " + d.message()).toList() + "\n" + text);
        assertNull(comp.instances().isEmpty() ? null : comp.instances().get(0).plan(), "no Plan for a broken system");
    }

    /** Every mutation is drawn: the enum is small next to the tries, but make it certain. */
    @Property(tries = 40)
    void eachMutationBreaksItsRuleOnASmallSystem(@ForAll("seeds") long seed) {
        for (Mutation m : Mutation.values()) {
            Random r = new Random(seed);
            SystemSpec spec = Systems.generate(r, 2);
            m.apply(spec, r);
            Compilation comp = Systems.compile(spec.text());
            assertTrue(comp.diagnostics().stream().anyMatch(d -> d.isError() && d.code() == m.code),
                    () -> m + " " + comp.diagnostics() + "\n" + spec.text());
        }
    }

    @Provide
    Arbitrary<Long> seeds() { return Arbitraries.longs(); }
}
