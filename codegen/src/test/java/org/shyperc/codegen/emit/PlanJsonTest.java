package org.shyperc.codegen.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.Lifecycle;
import org.shyperc.plan.Plan;

/** plan.json reads back to the same Plan and conforms to docs/plan.schema.json. */
class PlanJsonTest {

    private static final ObjectMapper M = new ObjectMapper();

    static MiniSchema schema() throws IOException {
        String root = System.getProperty("shyperc.root", Path.of("").toAbsolutePath().getParent().toString());
        return new MiniSchema(M.readTree(Path.of(root, "docs/plan.schema.json").toFile()));
    }

    static Stream<String> caseNames() {
        return TestPlans.cases().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    void readsBackTheSamePlan(String caseName) {
        Plan plan = TestPlans.cases().get(caseName).get();
        String json = PlanJson.write(plan);
        assertEquals(plan, PlanJson.read(json.getBytes(StandardCharsets.UTF_8)).orThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    void conformsToTheSchema(String caseName) throws IOException {
        JsonNode json = M.readTree(PlanJson.write(TestPlans.cases().get(caseName).get()));
        assertEquals(List.of(), schema().validate(json));
    }

    @Test
    void schemaRejectsDecimalAddressesAndUnknownKeys() throws IOException {
        ObjectNode json = (ObjectNode) M.readTree(PlanJson.write(TestPlans.qemuVirtDemo()));
        ((ObjectNode) json.get("hypervisor")).put("loadAddress", 1074266112L);
        json.put("extra", 1);
        List<String> errors = schema().validate(json);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("/hypervisor/loadAddress")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("unexpected property extra")), errors.toString());
    }

    /** VM lifecycle: left out when default; otherwise only the fields that differ, and it reads back whole. */
    @Test
    void aLifecycleIsWrittenOnlyWhereItDiffersFromTheDefault() throws IOException {
        Plan p = TestPlans.qemuVirtDemo();
        assertFalse(PlanJson.write(p).contains("lifecycle"));
        Lifecycle l = Lifecycle.DEFAULT.with(Lifecycle.Event.FAULT, Lifecycle.Policy.RESTART).withWatchdogMs(200);
        List<org.shyperc.plan.VmPlan> vms = new java.util.ArrayList<>(p.vms());
        vms.set(1, vms.get(1).withLifecycle(l));
        Plan q = new Plan(p.system(), p.board(), p.hypervisor(), vms, p.shared());
        String json = PlanJson.write(q);
        JsonNode written = M.readTree(json).get("vms").get(1).get("lifecycle");
        assertEquals(M.readTree("{\"onFault\": \"RESTART\", \"watchdogMs\": 200}"), written, json);
        assertFalse(M.readTree(json).get("vms").get(0).has("lifecycle"));
        assertEquals(q, PlanJson.read(json.getBytes(StandardCharsets.UTF_8)).orThrow());
        assertEquals(List.of(), schema().validate(M.readTree(json)));
    }

    @Test
    void keysAreSortedAndAddressesHex() {
        String json = PlanJson.write(TestPlans.qemuVirtDemo());
        assertTrue(json.indexOf("\"board\"") < json.indexOf("\"hypervisor\""));
        assertTrue(json.contains("\"loadAddress\": \"0x40080000\""), json);
        assertFalse(json.contains("\r"));
    }

    /** Doorbells (issue 13): written when there are some, read back, valid; absent from a plan without any. */
    @Test
    void doorbellsAreWrittenOnlyWhenThereAreSome() throws IOException {
        Plan demo = TestPlans.qemuVirtDemo();
        assertFalse(PlanJson.write(demo).contains("doorbells"), "a plan without doorbells keeps its plan.json");
        Plan withBells = new Plan(demo.system(), demo.board(), demo.hypervisor(), demo.vms(), demo.shared(),
                List.of(new DoorbellPlan(0, "chan0", "mvm", "rt", 80), new DoorbellPlan(1, "chan0", "rt", "mvm", 81)));
        String json = PlanJson.write(withBells);
        assertTrue(json.contains("\"doorbells\": ["), json);
        assertEquals(withBells, PlanJson.read(json.getBytes(StandardCharsets.UTF_8)).orThrow());
        assertEquals(List.of(), schema().validate(M.readTree(json)));
    }

    @Test
    void corruptPlanJsonIsAProblemNotAnException() {
        Result<Plan> bad = PlanJson.read("{\"system\": 1, \"nope\": 2}".getBytes(StandardCharsets.UTF_8));
        assertTrue(bad.hasErrors());
        assertEquals(List.of(Codes.PLAN_JSON), bad.problems().stream().map(p -> p.code()).toList());
        assertTrue(PlanJson.read("{\"hypervisor\": {\"loadAddress\": \"4008\"}}".getBytes(StandardCharsets.UTF_8))
                .hasErrors());
    }
}
