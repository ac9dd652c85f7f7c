package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.fdt.FdtNode;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.Plan;

/** Doorbells (issue 13) on the channel node: the SPIs a VM receives as `interrupts`, the ones it rings by index. */
class GuestTreeDoorbellsTest {
    private static Plan withDoorbells() {
        Plan demo = TestPlans.qemuVirtDemo();
        return new Plan(demo.system(), demo.board(), demo.hypervisor(), demo.vms(), demo.shared(),
                List.of(new DoorbellPlan(0, "chan0", "mvm", "rt", 80), new DoorbellPlan(1, "chan0", "rt", "mvm", 81),
                        new DoorbellPlan(2, "chan0", "rt", "mvm", 90)));
    }

    private static FdtNode channel(Plan plan, String vm, long ipa) {
        return GuestDeviceTree.build(plan, plan.vm(vm), 0).toFdt().child("shm@" + Long.toHexString(ipa));
    }

    private static List<Long> cells(FdtNode n, String prop) {
        return Arrays.stream(n.property(prop).cells()).boxed().toList();
    }

    @Test
    void theReceiverGetsItsSpisAndTheSenderItsIndices() {
        Plan plan = withDoorbells();
        FdtNode mvm = channel(plan, "mvm", 0xc000_0000L);
        assertEquals(List.of("shyperc,shared-memory"), mvm.property("compatible").strings());
        assertEquals(List.of(0L, 81L - 32, 1L, 0L, 90L - 32, 1L), cells(mvm, "interrupts"), "SPIs 81 and 90, edge");
        assertEquals(List.of(0L), cells(mvm, "shyperc,doorbells"));
        FdtNode rt = channel(plan, "rt", 0x1000_0000L);
        assertEquals(List.of(0L, 80L - 32, 1L), cells(rt, "interrupts"));
        assertEquals(List.of(1L, 2L), cells(rt, "shyperc,doorbells"));
    }

    @Test
    void withoutDoorbellsTheChannelNodeIsAsBefore() {
        FdtNode mvm = channel(TestPlans.qemuVirtDemo(), "mvm", 0xc000_0000L);
        assertNull(mvm.property("interrupts"));
        assertNull(mvm.property("shyperc,doorbells"));
    }
}
