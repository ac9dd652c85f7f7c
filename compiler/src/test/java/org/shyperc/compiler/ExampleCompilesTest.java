package org.shyperc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

class ExampleCompilesTest {
    static Path root() {
        return Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void qemuExampleHasNoErrorsAndIsPlaced() {
        Compilation c = Compiler.standard().compile(List.of(root().resolve("examples/qemu-virt/system.shy")));
        for (Diagnostic d : c.diagnostics()) System.out.println(d.span().location() + " " + d.code() + " " + d.message());
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        Plan plan = c.instances().get(0).plan();
        assertNotNull(plan);
        assertEquals(3, plan.vms().size());
        VmPlan mvm = plan.vm("mvm");
        // first fit after the 128 MiB hypervisor reservation, 2 MiB aligned
        assertEquals(0x4800_0000L, mvm.memory().get(0).pa());
        assertEquals(0x7000_0000L, plan.vm("rt").memory().get(0).pa());
    }
}
