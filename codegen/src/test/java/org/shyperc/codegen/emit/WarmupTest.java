package org.shyperc.codegen.emit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.shyperc.codegen.output.OutputTree;

/** The warm-up swallows its failures in production, so a test has to see them. */
class WarmupTest {

    @Test
    void rehearsalRunsCleanAndLeavesOutputsUnchanged() {
        OutputTree before = BuildOutputs.emitAll(TestPlans.qemuVirtDemo(), TestPlans.inputs());
        assertDoesNotThrow(Warmup::rehearse);
        assertEquals(before, BuildOutputs.emitAll(TestPlans.qemuVirtDemo(), TestPlans.inputs()));
    }
}
