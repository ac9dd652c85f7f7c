package org.shyperc.codegen.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.devicetree.DtNode;
import org.shyperc.codegen.devicetree.DtValue;
import org.shyperc.codegen.devicetree.GuestDeviceTree;
import org.shyperc.codegen.report.MapRow;
import org.shyperc.codegen.report.MemoryMaps;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Memory attributes (issue 13) in every output of examples/qemu-virt-memattr: plan.json states them (and reads back),
 * the guests' trees name a shared region's memory type, the memory maps label them; a system without them has none of it.
 */
class MemoryAttributesOutputTest {

    static Plan plan() {
        return Examples.plans(Examples.root().resolve("examples/qemu-virt-memattr/system.shy")).get(0);
    }

    static VmPlan vm(Plan p, String name) {
        return p.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    /** The {@code attributes} of a VM's mapping of {@code kind} at {@code ipa} in plan.json. */
    static JsonNode attributes(JsonNode json, String vm, String kind, String ipa) {
        for (JsonNode v : json.get("vms")) {
            if (!v.get("name").asText().equals(vm)) continue;
            for (JsonNode m : v.get("mappings")) {
                if (m.get("kind").asText().equals(kind) && m.get("ipa").asText().equals(ipa)) return m.get("attributes");
            }
        }
        throw new AssertionError("no " + kind + " mapping of " + vm + " at " + ipa);
    }

    @Test
    void planJsonStatesEachAttributeAndReadsBackToTheSamePlan() throws Exception {
        Plan p = plan();
        String text = PlanJson.write(p);
        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals("{\"block\":\"0x40000000\",\"memory\":\"NORMAL\"}", attributes(json, "big", "RAM", "0x40000000").toString());
        assertEquals("{\"block\":\"0x200000\",\"memory\":\"NORMAL\"}", attributes(json, "small", "RAM", "0x0").toString());
        assertEquals("{\"memory\":\"NORMAL_NONCACHEABLE\"}", attributes(json, "big", "WINDOW", "0x4000000").toString());
        assertEquals("{\"memory\":\"NORMAL_NONCACHEABLE\"}", attributes(json, "small", "SHARED", "0x10000000").toString());
        assertEquals("{\"memory\":\"DEVICE\"}", attributes(json, "small", "SHARED", "0x10200000").toString());
        assertEquals(p, PlanJson.read(text.getBytes(StandardCharsets.UTF_8)).orThrow());
        // placement put the 1 GiB at a 1 GiB boundary
        assertEquals(0x8000_0000L, vm(p, "big").memory().get(0).pa());
    }

    @Test
    void aSystemWithoutAttributesHasNoneOfTheirFields() throws Exception {
        Plan p = Examples.plans(Examples.root().resolve("examples/qemu-virt/system.shy")).get(0);
        String text = PlanJson.write(p);
        assertFalse(text.contains("\"block\""), "block is omitted while unused");
        assertFalse(text.contains("NORMAL_NONCACHEABLE"));
        for (VmPlan v : p.vms()) {
            assertFalse(MemoryMaps.ipa(v).stream().anyMatch(r -> r.label().contains("[")), v.name());
        }
    }

    @Test
    void theGuestTreesNameASharedRegionsMemoryType() {
        Plan p = plan();
        DtNode small = GuestDeviceTree.build(p, vm(p, "small"), 0);
        DtNode rsv = small.child("reserved-memory");
        assertEquals(new DtValue.Strings(List.of("normal-non-cacheable")), rsv.child("ring@10000000").property("shyperc,memory-type").value());
        assertEquals(new DtValue.Strings(List.of("device-ngnre")), rsv.child("bells@10200000").property("shyperc,memory-type").value());
        assertEquals(new DtValue.Strings(List.of("device-ngnre")), small.child("shm@10200000").property("shyperc,memory-type").value());
        Plan demo = Examples.plans(Examples.root().resolve("examples/qemu-virt/system.shy")).get(0);
        DtNode demoRsv = GuestDeviceTree.build(demo, demo.vms().get(0), 0).child("reserved-memory");
        assertTrue(demoRsv != null && !demoRsv.children().isEmpty(), "the demo's management VM has a shared window");
        assertTrue(demoRsv.children().stream().allMatch(c -> c.property("shyperc,memory-type") == null));
    }

    @Test
    void theMemoryMapsLabelTheAttributes() {
        Plan p = plan();
        List<String> big = MemoryMaps.ipa(vm(p, "big")).stream().map(MapRow::label).toList();
        assertTrue(big.contains("RAM (PA 0x80000000) [hugepages 1 GiB]"), big.toString());
        assertTrue(big.contains("passthrough window (PA 0x4000000) [nocache]"), big.toString());
        assertTrue(big.contains("shared ring (rw) [nocache]"), big.toString());
        assertTrue(big.contains("shared bells (rw) [device]"), big.toString());
        List<String> pa = MemoryMaps.physical(p).stream().map(MapRow::label).toList();
        assertTrue(pa.contains("shared ring [nocache]") && pa.contains("small RAM [hugepages 2 MiB]"), pa.toString());
    }
}
