package org.shyperc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;
import org.shyperc.cli.Fixtures;
import org.shyperc.dsl.diag.Codes;

/** `check --format sarif` writes SARIF 2.1.0 that the official schema accepts, with exact regions. */
class SarifOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    /** The official schema lives outside the repository, in shared/reference beside the checkout. */
    static Path schemaFile() {
        for (Path dir = CliRun.root(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/sarif-schema-2.1.0.json");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new AssertionError("sarif-schema-2.1.0.json not found in shared/reference above " + CliRun.root());
    }

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(schemaFile())) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    @Test
    void errorsWithRelatedLocationsAreValidSarif(@TempDir Path dir) throws IOException {
        Path file = Fixtures.write(dir, "twice.shy", Fixtures.TWICE);
        CliRun run = CliRun.of("check", "--format", "sarif", file.toString());
        assertEquals(1, run.status(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        Set<ValidationMessage> problems = schema.validate(doc);
        assertEquals(Set.of(), problems, run.out());

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
    void aCleanFileIsAValidRunWithNoResults() throws IOException {
        CliRun run = CliRun.of("check", "--format", "sarif",
                CliRun.root().resolve("examples/qemu-virt/system.shy").toString(), "-W", "image-missing");
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(Set.of(), schema.validate(doc));
        for (JsonNode r : doc.at("/runs/0/results")) assertEquals("warning", r.get("level").asText(), r.toString());
        assertEquals(0, run.status(), run.out());
    }

    @Test
    void relativePathsStayRelativeAndAreEscaped() {
        assertEquals("examples/my%20demo/system.shy", SarifRenderer.uri("examples/my demo/system.shy"));
        assertEquals("file:///tmp/a%20b.shy", SarifRenderer.uri("/tmp/a b.shy"));
    }
}
