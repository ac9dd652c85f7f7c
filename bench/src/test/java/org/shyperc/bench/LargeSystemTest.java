package org.shyperc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** The benchmark measures inputs of the size it claims: no errors but the runtime's limits, and the counts add up. */
class LargeSystemTest {
    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000, 3000})
    void generatedSystemsAreValidAndHaveTheirShape(int n) {
        Compilation c = new Compiler(Path.of("/bench"), Loader.Sources.DISK, Checks.ALL)
                .compileSource(SourceFile.of("large.shy", LargeSystem.text(n)));
        // Up to 30 VMs on 30 cores: more than the shyper image's runtime holds (SHY11xx, its target's
        // limits), which the benchmark exceeds on purpose to measure the checks at scale; nothing else.
        List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError)
                .filter(d -> !d.code().id().startsWith("SHY11")).toList();
        assertEquals(List.of(), errors);
        Plan plan = c.instances().get(0).plan();
        // past 8 VMs the runtime's limits are errors, so there is no plan to count: only the checks ran
        if (LargeSystem.shape(n).vms() > 8) return;
        assertNotNull(plan);
        LargeSystem.Shape shape = LargeSystem.shape(n);
        assertEquals(shape.vms(), plan.vms().size());
        assertEquals(shape.regions(), plan.vms().stream().mapToInt(v -> v.memory().size()).sum());
        assertEquals(shape.devices(), plan.vms().stream().mapToInt(v -> v.passthrough().size()).sum());
        int irqs = 0;
        for (VmPlan v : plan.vms()) irqs += v.virtio().size() + v.passthrough().stream().mapToInt(p -> p.irqs().size()).sum();
        assertEquals(shape.irqUses(), irqs);
        assertEquals(shape.shared(), plan.shared().size());
    }
}
