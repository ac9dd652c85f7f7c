package org.shyperc.compiler.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.shyperc.compiler.Compilation;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.plan.Plan;

/** Random valid systems compile without errors, and every invariant holds on the Plan. */
class ValidSystemProperties {
    static final int TRIES = 500;

    @Provide
    Arbitrary<SystemSpec> systems() { return Systems.valid(1); }

    @Property(tries = TRIES)
    void validSystemsCompileAndTheirPlansAreIsolated(@ForAll("systems") SystemSpec spec) {
        String text = spec.text();
        Compilation c = Systems.compile(text);
        List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(List.of(), errors, text);
        assertEquals(1, c.instances().size());
        Plan plan = c.instances().get(0).plan();
        assertNotNull(plan, text);
        assertEquals(spec.vms.size(), plan.vms().size());
        PlanInvariants.assertHold(plan);
        // the generator must reach the interesting shapes, or "no errors" proves little
        Statistics.label("several VMs").collect(plan.vms().size() > 1);
        Statistics.label("pinned RAM").collect(spec.vms.stream().anyMatch(v -> v.memory.stream().anyMatch(m -> m.pa != -1)));
        Statistics.label("passthrough").collect(plan.vms().stream().anyMatch(v -> !v.passthrough().isEmpty()));
        Statistics.label("shared region").collect(!plan.shared().isEmpty());
        Statistics.label("two DRAM banks").collect(plan.board().dram().size() > 1);
        for (String label : List.of("several VMs", "pinned RAM", "passthrough", "shared region", "two DRAM banks")) {
            Statistics.label(label).coverage(cov -> cov.check(true).percentage(p -> p > 20));
        }
    }
}
