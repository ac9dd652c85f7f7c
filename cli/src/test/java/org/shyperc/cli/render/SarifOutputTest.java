package org.shyperc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;
import org.shyperc.cli.Fixtures;
import org.shyperc.dsl.diag.Codes;

/**
 * `check --format sarif` writes SARIF 2.1.0 that Microsoft's validator (schema and SARIF rules)
 * and the 2.1.0 schema accept, with exact regions; a broken log makes both of them complain.
 */
class SarifOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The one finding the validator may report on a good log: a warning that the driver has no
     * `informationUri`, which shyperc cannot give while it has no public home page.
     */
    private static final Set<String> ACCEPTED = Set.of("SARIF2005 Warning_ProvideToolnformationUri");
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(SarifMultitool.schema())) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void errorsWithRelatedLocationsAreValidSarif(@TempDir Path dir) throws Exception {
        Path file = Fixtures.write(dir, "twice.shy", Fixtures.TWICE);
        CliRun run = CliRun.of("check", "--format", "sarif", file.toString());
        assertEquals(1, run.status(), run.err());
        assertValid(run.out(), dir.resolve("twice.sarif"));

        JsonNode doc = JSON.readTree(run.out());
        JsonNode sarifRun = doc.get("runs").get(0);
        assertEquals(Codes.ALL.size(), sarifRun.at("/tool/driver/rules").size());
        JsonNode twice = null;
        for (JsonNode r : sarifRun.get("results")) {
            if (r.get("ruleId").asText().equals(Codes.DUPLICATE.id())) twice = r;
        }
        assertTrue(twice != null, run.out());
        assertEquals("error", twice.get("level").asText());
        assertEquals(Codes.DUPLICATE.id(),
                sarifRun.at("/tool/driver/rules/" + twice.get("ruleIndex").asInt() + "/id").asText());
        JsonNode region = twice.at("/locations/0/physicalLocation/region");
        String text = Files.readString(file);
        int offset = region.get("charOffset").asInt();
        int length = region.get("charLength").asInt();
        // The region is the second `a`: line 9, column 8 (`    vm a`).
        assertEquals(9, region.get("startLine").asInt());
        assertEquals("a", text.substring(offset, offset + length));
        assertEquals(8, region.get("startColumn").asInt());
        assertEquals(region.get("startColumn").asInt() + length, region.get("endColumn").asInt());
        assertTrue(twice.get("relatedLocations").size() >= 1, twice.toString());
        assertEquals(4, twice.at("/relatedLocations/0/physicalLocation/region/startLine").asInt());
        assertTrue(twice.at("/locations/0/physicalLocation/artifactLocation/uri").asText().startsWith("file:///"));
    }

    @Test
    void aCleanFileIsAValidRunWithNoResults(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("check", "--format", "sarif",
                CliRun.root().resolve("examples/qemu-virt/system.shy").toString(), "-W", "image-missing");
        assertValid(run.out(), dir.resolve("clean.sarif"));
        for (JsonNode r : JSON.readTree(run.out()).at("/runs/0/results")) {
            assertEquals("warning", r.get("level").asText(), r.toString());
        }
        assertEquals(0, run.status(), run.out());
    }

    /** shyperc's own log, broken three ways: both validators must say exactly what is wrong. */
    @Test
    void aBrokenLogIsRejected(@TempDir Path dir) throws Exception {
        Path file = Fixtures.write(dir, "twice.shy", Fixtures.TWICE);
        ObjectNode doc = (ObjectNode) JSON.readTree(CliRun.of("check", "--format", "sarif", file.toString()).out());
        ObjectNode result = (ObjectNode) doc.at("/runs/0/results/0");
        result.put("ruleIndex", 9999);                                                        // no such rule
        ((ObjectNode) result.at("/locations/0/physicalLocation/region")).put("startLine", 0); // lines count from 1
        ((ObjectNode) doc.at("/runs/0/tool/driver")).put("vendor", "shyperc");               // not a SARIF property
        Path log = dir.resolve("broken.sarif");
        Files.writeString(log, doc.toPrettyString());

        Set<String> errors = new TreeSet<>();
        for (JsonNode r : SarifMultitool.validate(log, dir)) {
            if (r.path("level").asText().equals("error")) errors.add(r.path("ruleId").asText());
        }
        // JSON1005: a property the schema does not define; JSON1008: below the minimum;
        // SARIF1009: an index past the end of the array it points into.
        assertEquals(Set.of("JSON1005", "JSON1008", "SARIF1009"), errors);
        assertEquals(Set.of("additionalProperties", "minimum"), types(schema.validate(doc)));
    }

    /** The validator gives no results for a log its object model cannot read; the schema still fails it. */
    @Test
    void anUnknownLevelFailsTheSchema(@TempDir Path dir) throws Exception {
        Path file = Fixtures.write(dir, "twice.shy", Fixtures.TWICE);
        ObjectNode doc = (ObjectNode) JSON.readTree(CliRun.of("check", "--format", "sarif", file.toString()).out());
        ((ObjectNode) doc.at("/runs/0/results/0")).put("level", "fatal");
        assertEquals(Set.of("enum"), types(schema.validate(doc)));
    }

    @Test
    void relativePathsStayRelativeAndAreEscaped() {
        assertEquals("examples/my%20demo/system.shy", SarifRenderer.uri("examples/my demo/system.shy"));
        assertEquals("file:///tmp/a%20b.shy", SarifRenderer.uri("/tmp/a b.shy"));
    }

    /** The schema and Microsoft's validator both accept {@code sarif} (written to {@code log}). */
    private static void assertValid(String sarif, Path log) throws Exception {
        assertEquals(Set.of(), schema.validate(JSON.readTree(sarif)), sarif);
        Files.writeString(log, sarif);
        List<String> findings = SarifMultitool.validate(log, log.getParent()).stream()
                .filter(r -> !ACCEPTED.contains(r.path("ruleId").asText() + " " + r.at("/message/id").asText()))
                .map(SarifMultitool::describe)
                .toList();
        assertEquals(List.of(), findings, sarif);
    }

    private static Set<String> types(Set<ValidationMessage> problems) {
        Set<String> types = new TreeSet<>();
        for (ValidationMessage m : problems) types.add(m.getType());
        return types;
    }
}
