package org.shyperc.compiler.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.plan.Lifecycle;
import org.shyperc.plan.Lifecycle.Event;
import org.shyperc.plan.Lifecycle.Policy;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** VM lifecycle items reach the Plan as written; a board's `on` block replaces one event's policy and keeps the rest. */
class LifecycleBindTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    private static Plan plan(String text, int instance) {
        Path at = ROOT.resolve("tests/diagnostics/lifecycle/bind-test.shy"); // imports resolve beside the corpus
        Compilation c = Compiler.standard().compileSource(new SourceFile("bind-test.shy", at, text));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        return c.instances().get(instance).plan();
    }

    private static final String VM = """
                cpus [%d]
                memory @ 0x8000_0000 size 64 MiB
                kernel "../_lib/kernel.bin" @ 0x8020_0000
            """;

    @Test
    void itemsReachThePlanAndDefaultsStayDefault() {
        Plan p = plan("import \"../_lib/board.shy\"\nsystem s for tb {\n    vm m : baremetal management {\n" + VM.formatted(0)
                + "        on off stop-system\n    }\n    vm a : baremetal {\n" + VM.formatted(1)
                + "        on fault restart\n        on reset halt\n        start waiting\n        watchdog 250 ms\n    }\n"
                + "    vm b : baremetal {\n" + VM.formatted(2) + "        on reset restart\n        start boot\n    }\n}\n", 0);
        List<VmPlan> vms = p.vms();
        assertEquals(Lifecycle.DEFAULT.with(Event.OFF, Policy.STOP_SYSTEM), vms.get(0).lifecycle());
        assertEquals(new Lifecycle(Policy.RESTART, Policy.HALT, Policy.HALT, true, 250), vms.get(1).lifecycle());
        assertEquals(Lifecycle.DEFAULT, vms.get(2).lifecycle()); // the defaults written out
    }

    @Test
    void aBoardsOnBlockReplacesOneEventsPolicy() {
        Plan p = plan("import \"../_lib/board.shy\"\nsystem s for tb {\n    vm m : baremetal management {\n" + VM.formatted(0)
                + "        on fault restart\n        on off restart\n        watchdog 100 ms\n    }\n"
                + "    on tb {\n        vm m {\n            on off halt\n        }\n    }\n}\n", 0);
        assertEquals(Lifecycle.DEFAULT.with(Event.FAULT, Policy.RESTART).withWatchdogMs(100), p.vms().get(0).lifecycle());
    }
}
