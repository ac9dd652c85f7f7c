package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.codegen.output.Problem;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.Plan;

/**
 * Rust-Shyper's VM configs do not say their VM ids; the import numbers them in the order given. The RK3588 example's
 * management VM's console peers `guest` (VM 1), `rt` (VM 2) has none: given as mvm, rt, guest, the console's peer
 * becomes `rt`, and SHY0923 says which files to swap.
 */
class RustShyperImportOrderTest {

    static Plan rk3588() {
        return Examples.plans(Examples.root().resolve("examples/rk3588/system.shy")).get(0);
    }

    static List<Problem> importInOrder(Plan plan, String... vms) {
        OutputTree out = BuildOutputs.emitAll(plan, Examples.inputs(plan));
        List<RustShyperImporter.Input> jsons = new ArrayList<>();
        for (String vm : vms) jsons.add(new RustShyperImporter.Input(vm + ".json", out.get("rust-shyper/" + vm + ".json")));
        return RustShyperImporter.importVms(jsons, plan.board(), plan.system(), "rk3588.shy").problems();
    }

    static List<Problem> order(List<Problem> problems) {
        return problems.stream().filter(p -> p.code() == Codes.RS_VM_ORDER).toList();
    }

    @Test
    void swappedFilesAreNamedWithTheOrderThatPairsThem() {
        Plan plan = rk3588();
        assertEquals(List.of("mvm", "guest", "rt"), plan.vms().stream().map(v -> v.name()).toList());
        List<Problem> swapped = order(importInOrder(plan, "mvm", "rt", "guest"));
        assertEquals(1, swapped.size(), swapped.toString());   // both consoles point at the pair: said once
        String m = swapped.get(0).message();
        assertTrue(m.contains("The console's peer is VM 1 (`rt.json`"), m);
        assertTrue(m.contains("`guest.json`'s console there names this VM as its peer"), m);
        assertTrue(m.contains("given as mvm.json guest.json rt.json they pair up"), m);
    }

    @Test
    void filesInTheirOrderAreNotQuestioned() {
        Plan plan = rk3588();
        assertEquals(List.of(), order(importInOrder(plan, "mvm", "guest", "rt")));
        // the management VM is VM 0 wherever its file is given
        assertEquals(List.of(), order(importInOrder(plan, "guest", "mvm", "rt")));
    }
}
