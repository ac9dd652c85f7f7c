package org.shyperc.compiler.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Gens;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.plan.Plan;

/** Random valid systems compile without errors, and every invariant holds on the Plan. */
class ValidSystemProperties {
    static final int TRIES = 500;

    @Test
    void validSystemsCompileAndTheirPlansAreIsolated() {
        int[] runs = {0};
        Map<String, Integer> shapes = new LinkedHashMap<>();
        Gens.qt(TRIES).withShrinkCycles(300).forAll(Systems.valid(1)).checkAssert(spec -> {
            String text = spec.text();
            Compilation c = Systems.compile(text);
            List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
            assertEquals(List.of(), errors, text);
            assertEquals(1, c.instances().size());
            Plan plan = c.instances().get(0).plan();
            assertNotNull(plan, text);
            assertEquals(spec.vms.size(), plan.vms().size());
            PlanInvariants.assertHold(plan);
            runs[0]++;
            count(shapes, "several VMs", plan.vms().size() > 1);
            count(shapes, "pinned RAM", spec.vms.stream().anyMatch(v -> v.memory.stream().anyMatch(m -> m.pa != -1)));
            count(shapes, "passthrough", plan.vms().stream().anyMatch(v -> !v.passthrough().isEmpty()));
            count(shapes, "shared region", !plan.shared().isEmpty());
            count(shapes, "two DRAM banks", plan.board().dram().size() > 1);
        });
        // the generator must reach the interesting shapes, or "no errors" proves little
        assertEquals(5, shapes.size(), shapes::toString);
        shapes.forEach((shape, n) -> assertTrue(n * 100 > runs[0] * 20, () -> shape + " in only " + n + " of " + runs[0]));
    }

    private static void count(Map<String, Integer> shapes, String shape, boolean seen) {
        shapes.merge(shape, seen ? 1 : 0, Integer::sum);
    }
}
