package org.shyperc.codegen.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.output.OutputTree;

class ManifestTest {

    @TempDir
    Path dir;

    @Test
    void listsEveryInputAndOutputWithSha256MatchingSha256sum() throws IOException {
        OutputTree tree = BuildOutputs.emitAll(TestPlans.qemuVirtDemo(), TestPlans.inputs());
        tree.put("shyper.bin", new byte[] {1, 2, 3});           // as the image linker would add it
        Manifest.addTo(tree, TestPlans.inputs());
        JsonNode m = new ObjectMapper().readTree(tree.get(Manifest.PATH));
        assertEquals("0.1.0-test", m.at("/tool/version").asText());

        List<String> outputs = new ArrayList<>();
        m.get("outputs").forEach(o -> outputs.add(o.get("path").asText()));
        List<String> expected = new ArrayList<>(tree.files().keySet());
        expected.remove(Manifest.PATH);
        assertEquals(expected, outputs, "every output but the manifest, sorted");
        List<String> inputs = new ArrayList<>();
        m.get("inputs").forEach(o -> inputs.add(o.get("path").asText()));
        assertEquals(List.copyOf(TestPlans.inputs().files().keySet()), inputs);

        // The digests are the ones coreutils computes.
        String sha256sum = Tool.require("sha256sum", "coreutils");
        for (JsonNode o : m.get("outputs")) {
            Path f = dir.resolve("f");
            Files.write(f, tree.get(o.get("path").asText()));
            String line = Tool.run(dir, 10, sha256sum, "f").stdout();
            assertEquals(line.substring(0, 64), o.get("sha256").asText(), o.get("path").asText());
            assertEquals(Files.size(f), o.get("size").asLong());
        }
    }

    @Test
    void sameInputsSameManifest() {
        OutputTree a = BuildOutputs.emitAll(TestPlans.qemuVirtDemo(), TestPlans.inputs());
        OutputTree b = BuildOutputs.emitAll(TestPlans.qemuVirtDemo(), TestPlans.inputs());
        Manifest.addTo(a, TestPlans.inputs());
        Manifest.addTo(b, TestPlans.inputs());
        assertEquals(a.text(Manifest.PATH), b.text(Manifest.PATH));
        assertTrue(a.text(Manifest.PATH).endsWith("}\n"));
    }

    @Test
    void aTreeGetsOneManifest() {
        OutputTree a = BuildOutputs.emitAll(TestPlans.linuxBoot(), TestPlans.inputs());
        Manifest.addTo(a, TestPlans.inputs());
        assertThrows(IllegalArgumentException.class, () -> Manifest.addTo(a, TestPlans.inputs()));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Manifest.sha256("".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sumsTakenAheadGiveTheSameManifest() {
        OutputTree a = BuildOutputs.emitAll(TestPlans.qemuVirtDemo(), TestPlans.inputs());
        OutputTree b = BuildOutputs.emitAll(TestPlans.qemuVirtDemo(), TestPlans.inputs());
        Manifest.Sums early = new Manifest.Sums().take(TestPlans.inputs().files()).take(b.files());
        b.put("late.txt", new byte[] {42});   // a file made after the early sums
        a.put("late.txt", new byte[] {42});
        Manifest.addTo(a, TestPlans.inputs());
        Manifest.addTo(b, TestPlans.inputs(), early);
        assertEquals(a.text(Manifest.PATH), b.text(Manifest.PATH));
        assertTrue(b.text(Manifest.PATH).contains(Manifest.sha256(new byte[] {42})), "the late file is hashed too");
    }
}
