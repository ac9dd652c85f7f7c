package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.output.Json;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** A passthrough device behind an SMMU carries its stream ID to Rust-Shyper (Jetson TX2 example). */
class SmmuStreamsTest {

    @Test
    void streamIdsOfTheBoardReachJsonAndDefRs() throws IOException {
        Plan plan = Examples.plans(Examples.root().resolve("examples/jetson-tx2/system.shy")).get(0);
        OutputTree out = BuildOutputs.emitAll(plan, Examples.inputs(plan));
        VmPlan mvm = plan.vms().stream().filter(VmPlan::management).findFirst().orElseThrow();
        JsonNode json = Json.mapper().readTree(out.get("rust-shyper/" + mvm.name() + ".json"));
        List<Long> expected = new ArrayList<>();
        for (VmPlan.Passthrough p : mvm.passthrough()) {
            DevicePlan d = plan.board().device(p.device());
            if (d.iommu() != null && d.streamId() >= 0) {
                expected.add(d.streamId());
            }
        }
        assertTrue(expected.size() >= 2, "the example passes several SMMU-isolated devices: " + expected);
        List<Long> written = new ArrayList<>();
        json.at("/passthrough_device/passthrough_device_list").forEach(d -> {
            if (d.has("smmu_id")) {
                written.add(d.get("smmu_id").asLong());
            }
        });
        assertEquals(expected, written);
        String def = out.text("rust-shyper/" + MvmDefExporter.fileName(plan));
        assertTrue(def.contains("streams_ids: vec![" + String.join(", ",
                expected.stream().map(x -> "0x" + Long.toHexString(x)).toList()) + "]"), def);
    }
}
