package org.shyperc.codegen.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.Plan;

/** report.html lists, per VM, the doorbells it receives and those it rings (issue 13); nothing without any. */
class ReportDoorbellsTest {
    @Test
    void eachVmsDoorbellsAreInItsInterruptTable() {
        Plan demo = TestPlans.qemuVirtDemo();
        Plan plan = new Plan(demo.system(), demo.board(), demo.hypervisor(), demo.vms(), demo.shared(),
                List.of(new DoorbellPlan(0, "chan0", "mvm", "rt", 80)));
        String html = ReportHtml.render(plan, MemoryMapSvg.render(plan));
        assertTrue(html.contains("doorbell 0 from mvm (shared chan0)"), html);
        assertTrue(html.contains("rings doorbell 0 to rt (its SPI 80; shared chan0)"), html);
        assertTrue(html.contains("HVC 0xc6000020, x1 = 0"), html);
        assertFalse(ReportHtml.render(demo, MemoryMapSvg.render(demo)).contains("doorbell"));
    }
}
