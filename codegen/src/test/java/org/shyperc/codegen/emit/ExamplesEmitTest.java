package org.shyperc.codegen.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;

/**
 * Every example of the project, through the real front end and every emitter: nothing
 * throws, every DTB passes dtc without a warning, plan.json fits its schema.
 */
@Tag("dtc")
class ExamplesEmitTest {

    @TempDir
    Path dir;

    static Stream<Arguments> instances() {
        return Examples.systems().flatMap(s -> Examples.plans(s).stream()
                .map(p -> Arguments.of(Examples.root().relativize(s).toString(), p.board().name(), p)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("instances")
    void everyOutputIsWrittenAndEveryDtbIsClean(String system, String board, Plan plan) throws IOException {
        String dtc = Tool.require("dtc", "device-tree-compiler");
        OutputTree out = BuildOutputs.emitAll(plan, Examples.inputs(plan));
        for (String must : List.of("plan.json", "boot.cmd", "boot.scr", "memory-map.svg", "report.html")) {
            assertFalse(out.get(must) == null, must);
        }
        for (Map.Entry<String, byte[]> f : out.files().entrySet()) {
            if (!f.getKey().endsWith(".dtb")) {
                continue;
            }
            Files.write(dir.resolve("g.dtb"), f.getValue());
            Tool.Run r = Tool.run(dir, 30, dtc, "-I", "dtb", "-O", "dts", "-o", "g.dts", "g.dtb");
            assertEquals(0, r.exitCode(), f.getKey() + ": " + r.stderr());
            assertEquals("", r.stderr(), f.getKey());
        }
        assertEquals(List.of(), PlanJsonTest.schema().validate(new ObjectMapper().readTree(out.get("plan.json"))));
    }
}
