package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.BuildInputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.plan.VmPlan;
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

    static Stream<Arguments> plans() {
        Stream<Arguments> cases = Stream.of("qemu-virt-demo", "qemu-virt-gicv3", "linux-boot")
                .map(c -> Arguments.of(c, TestPlans.cases().get(c).get(), TestPlans.inputs()));
        Stream<Arguments> examples = Examples.systems().flatMap(s -> Examples.plans(s).stream()
                .filter(p -> p.vms().stream().anyMatch(VmPlan::management))
                .map(p -> Arguments.of(p.system() + " on " + p.board().name(), p, Examples.inputs(p))));
        return Stream.concat(cases, examples);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void generatedDefCompiles(String name, Plan plan, BuildInputs inputs) throws IOException {
        String rustc = Tool.require("rustc", "rustc");
        OutputTree out = BuildOutputs.emitAll(plan, inputs);
        Files.copy(Golden.source("rustshyper-api/lib.rs"), dir.resolve("lib.rs"));
        Files.copy(Golden.source("rustshyper-api/fdt.rs"), dir.resolve("fdt.rs"));
        Files.createDirectories(dir.resolve("config"));
        Files.write(dir.resolve("config/generated_def.rs"), out.get("rust-shyper/" + MvmDefExporter.fileName(plan)));
        Tool.Run fdt = Tool.run(dir, 120, rustc, "--edition", "2021", "--crate-type", "lib", "--crate-name", "fdt",
                "-D", "warnings", "--emit=metadata", "-o", "libfdt.rmeta", "fdt.rs");
        assertEquals(0, fdt.exitCode(), fdt.stderr());
        // Built as Rust-Shyper builds the board's config: with its Cargo feature set (src/config/mod.rs).
        String feature = MvmDefExporter.fileName(plan).replace("_def.rs", "").replace("qemu_riscv64", "qemu");
        Tool.Run r = Tool.run(dir, 120, rustc, "--edition", "2021", "--crate-type", "lib", "-D", "warnings",
                "--cfg", "feature=\"" + feature + "\"",
                "--check-cfg", "cfg(feature, values(\"qemu\", \"pi4\", \"tx2\", \"rk3588\"))",
                "--extern", "fdt=libfdt.rmeta", "--emit=metadata", "-o", "api.rmeta", "lib.rs");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
    }
}
