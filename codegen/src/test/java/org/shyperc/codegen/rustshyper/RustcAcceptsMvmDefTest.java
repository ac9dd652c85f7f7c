package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Golden;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;

/**
 * rustc type-checks each generated {@code <board>_def.rs} against the Rust-Shyper config API
 * (names and types from the facts file, in src/test/resources/rustshyper-api/lib.rs),
 * no_std + alloc like the hypervisor, with every warning an error.
 */
@Tag("rustc")
class RustcAcceptsMvmDefTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"qemu-virt-demo", "qemu-virt-gicv3", "linux-boot"})
    void generatedDefCompiles(String caseName) throws IOException {
        String rustc = Tool.require("rustc", "rustc");
        Plan plan = TestPlans.cases().get(caseName).get();
        OutputTree out = BuildOutputs.emitAll(plan, TestPlans.inputs());
        Files.copy(Golden.source("rustshyper-api/lib.rs"), dir.resolve("lib.rs"));
        Files.createDirectories(dir.resolve("config"));
        Files.write(dir.resolve("config/generated_def.rs"), out.get("rust-shyper/" + MvmDefExporter.fileName(plan)));
        Tool.Run r = Tool.run(dir, 120, rustc, "--edition", "2021", "--crate-type", "lib", "-D", "warnings",
                "--emit=metadata", "-o", "api.rmeta", "lib.rs");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
    }
}
