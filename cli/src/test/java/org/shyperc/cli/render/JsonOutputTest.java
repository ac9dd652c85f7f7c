package org.shyperc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;
import org.shyperc.cli.Fixtures;

/** `check --format json` is exactly what docs/check-json.schema.json (and docs/cli.md) describe. */
class JsonOutputTest {

    @Test
    void theOutputMatchesTheDocumentedSchema(@TempDir Path dir) throws IOException {
        Path file = Fixtures.write(dir, "twice.shy", Fixtures.TWICE);
        CliRun run = CliRun.of("check", "--format", "json", file.toString());
        assertEquals(1, run.status());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        try (InputStream schema = Files.newInputStream(CliRun.root().resolve("docs/check-json.schema.json"))) {
            assertEquals(Set.of(), JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema).validate(doc));
        }
        JsonNode dup = null;
        for (JsonNode d : doc.get("diagnostics")) if (d.get("code").asText().equals("SHY0204")) dup = d;
        assertTrue(dup != null, run.out());
        assertTrue(dup.at("/related/0/span/line").asInt() < dup.at("/span/line").asInt());
    }
}
