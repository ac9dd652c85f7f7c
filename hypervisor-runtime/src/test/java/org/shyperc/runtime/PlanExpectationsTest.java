package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.PlanJson;

/** What the readback expects, taken from plan.json. */
class PlanExpectationsTest {

    static String row(Stage2Walk.Mapping m) {
        return String.format("%s 0x%x->0x%x +0x%x %s", m.label(), m.ipa(), m.pa(), m.size(), m.attrs());
    }

    @Test
    void theIsolationSystemsMappingsAndInterrupts() {
        PlanExpectations p = PlanExpectations.of(PlanJson.write(TestPlans.isolation()));
        assertEquals("GICV2", p.gic());
        assertEquals(288, p.lines());
        assertEquals(33, p.consoleSpi());
        assertTrue(p.consoleInput());
        PlanExpectations.Vm attacker = p.vms().get(0);
        assertEquals(List.of(1, 2), attacker.cores());
        assertEquals(List.of(
                "memory 0x80000000->0x58000000 +0x4000000 rw normal-wb inner-shareable",
                "shared chan0 0x90000000->0x5c000000 +0x1000 rw normal-wb inner-shareable",
                "shared notice 0x91000000->0x5c001000 +0x1000 ro normal-wb inner-shareable",
                "passthrough gpio 0x9030000->0x9030000 +0x1000 rw device-nGnRE xn",
                "GICV 0x8010000->0x8040000 +0x2000 rw device-nGnRE xn"),
                attacker.stage2().stream().map(PlanExpectationsTest::row).toList());
        assertEquals(Set.of(39), attacker.spis());
        assertEquals(Set.of(80), attacker.virtualSpis());
        assertEquals("victim", p.ownerOf(34).name());
        assertNull(p.ownerOf(80));
    }

    @Test
    void gicv3HasNoGicvWindow() {
        PlanExpectations p = PlanExpectations.of(PlanJson.write(TestPlans.onGicv3(TestPlans.isolation())));
        assertEquals("GICV3", p.gic());
        assertTrue(p.vms().stream().flatMap(v -> v.stage2().stream()).noneMatch(m -> m.label().equals("GICV")));
    }
}
