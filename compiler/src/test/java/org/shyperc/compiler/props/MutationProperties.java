package org.shyperc.compiler.props;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Gens;
import org.shyperc.dsl.diag.Diagnostic;

/** One random mutation that breaks one invariant of a valid system is reported with that invariant's code. */
class MutationProperties {
    static final int TRIES = 600;

    record Case(SystemSpec spec, Mutation mutation) { }

    static final Gen<Case> MUTATED = Gens.fromRandom(r -> {
        SystemSpec spec = Systems.generate(r, 2);
        Mutation m = Mutation.values()[r.nextInt(Mutation.values().length)];
        m.apply(spec, new Random(r.nextLong()));
        return new Case(spec, m);
    }).describedAs(c -> c.mutation() + " of\n" + c.spec().text());

    @Test
    void aBrokenInvariantIsReportedWithItsCode() {
        Gens.qt(TRIES).withShrinkCycles(300).forAll(MUTATED).checkAssert(MutationProperties::reportedWithItsCode);
    }

    private static void reportedWithItsCode(Case c) {
        String text = c.spec().text();
        Compilation comp = Systems.compile(text);
        assertTrue(comp.diagnostics().stream().anyMatch(d -> d.isError() && d.code() == c.mutation().code),
                () -> c.mutation() + " should give " + c.mutation().code + " but gave "
                        + comp.diagnostics().stream().filter(Diagnostic::isError)
                        .map(d -> d.code() + " " + d.span().location() + " " + d.message()).toList() + "\n" + text);
        assertNull(comp.instances().isEmpty() ? null : comp.instances().get(0).plan(), "no Plan for a broken system");
    }

    /** Every mutation is drawn: the enum is small next to the tries, but make it certain. */
    @Test
    void eachMutationBreaksItsRuleOnASmallSystem() {
        Gens.qt(40).withShrinkCycles(100).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            for (Mutation m : Mutation.values()) {
                Random r = new Random(seed);
                SystemSpec spec = Systems.generate(r, 2);
                m.apply(spec, r);
                Compilation comp = Systems.compile(spec.text());
                assertTrue(comp.diagnostics().stream().anyMatch(d -> d.isError() && d.code() == m.code),
                        () -> m + " " + comp.diagnostics() + "\n" + spec.text());
            }
        });
    }
}
