package org.shyperc.codegen.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.codegen.uboot.BootScript;
import org.shyperc.plan.Plan;

/**
 * Every output of every test plan against its golden copy under
 * src/test/resources/golden/<case>/ (SHY_UPDATE=1 rewrites). A golden file with no
 * output any more fails too, so stale goldens do not linger.
 */
class GoldenOutputsTest {

    static Stream<Arguments> outputs() {
        return TestPlans.cases().entrySet().stream().flatMap(c -> {
            OutputTree tree = BuildOutputs.emitAll(c.getValue().get(), TestPlans.inputs());
            return tree.files().keySet().stream().map(p -> Arguments.of(c.getKey(), p, tree.get(p)));
        });
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("outputs")
    void outputMatchesGolden(String caseName, String path, byte[] content) {
        Golden.check(Golden.source("golden/" + caseName + "/" + path), content);
    }

    @ParameterizedTest(name = "{0}: no stale goldens")
    @MethodSource("caseNames")
    void everyGoldenIsStillProduced(String caseName) throws IOException {
        Path dir = Golden.source("golden/" + caseName);
        OutputTree tree = BuildOutputs.emitAll(TestPlans.cases().get(caseName).get(), TestPlans.inputs());
        if (Golden.updating()) {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    if (!tree.contains(dir.relativize(p).toString().replace('\\', '/'))) {
                        Files.delete(p);
                    }
                }
            }
        }
        List<String> golden;
        try (Stream<Path> s = Files.walk(dir)) {
            golden = s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertEquals(List.copyOf(tree.files().keySet()), golden);
    }

    /** The riscv64 boot script (every case above is arm64), for the example on the board library's qemu-riscv64. */
    @Test
    void riscv64BootScriptMatchesGolden() {
        Plan plan = Examples.riscv64Baremetal();
        Golden.check(Golden.source("golden/boot-scripts/qemu-riscv64-baremetal/boot.cmd"),
                BootScript.text(plan).getBytes(StandardCharsets.UTF_8));
        Golden.check(Golden.source("golden/boot-scripts/qemu-riscv64-baremetal/boot.scr"), BootScript.image(plan));
    }

    static Stream<String> caseNames() {
        return TestPlans.cases().keySet().stream();
    }

    @ParameterizedTest(name = "{0}: same plan, same bytes")
    @MethodSource("caseNames")
    void emittingTwiceGivesIdenticalTrees(String caseName) {
        Map<String, java.util.function.Supplier<org.shyperc.plan.Plan>> cases = TestPlans.cases();
        assertEquals(BuildOutputs.emitAll(cases.get(caseName).get(), TestPlans.inputs()),
                BuildOutputs.emitAll(cases.get(caseName).get(), TestPlans.inputs()));
    }
}
