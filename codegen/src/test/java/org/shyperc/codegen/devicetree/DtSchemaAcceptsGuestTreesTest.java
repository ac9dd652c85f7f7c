package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.fdt.FdtReader;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * The device-tree project's own validator (`dt-validate` of dt-schema, Debian's `dt-schema` package) accepts every
 * guest tree of the golden cases against its core schemas (root, cpus, memory, chosen, aliases, …): what Linux's
 * `make dtbs_check` runs before the per-device bindings. It once did not: `linux,initrd-start`/`-end` were always two
 * cells, which the schema types as one.
 */
@Tag("dtc")
class DtSchemaAcceptsGuestTreesTest {

    @TempDir
    Path dir;

    static Stream<String> cases() {
        return TestPlans.cases().keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dtValidateAcceptsEveryGuestTreeOfTheCase(String caseName) throws IOException {
        String validate = Tool.require("dt-validate", "dt-schema");
        Plan plan = TestPlans.cases().get(caseName).get();
        OutputTree out = BuildOutputs.emitAll(plan, TestPlans.inputs());
        List<String> command = new ArrayList<>(List.of(validate));
        for (VmPlan vm : plan.vms()) {
            Path dtb = dir.resolve(vm.name() + ".dtb");
            Files.write(dtb, out.get(vm.name() + ".dtb"));
            command.add(dtb.toString());
        }
        Tool.Run r = Tool.run(dir, 120, command.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("", r.stdout() + r.stderr(), "dt-validate found problems in " + caseName);
    }

    /**
     * An initrd that ends above 4 GiB keeps two cells per address (one cannot hold it; U-Boot writes two there), and
     * one that ends below gets one, which dt-validate accepts (the golden cases above have such initrds).
     */
    @Test
    void initrdAddressesTakeTwoCellsOnlyAbove4GiB() throws IOException {
        Files.write(dir.resolve("Image"), new byte[64]);
        Files.write(dir.resolve("initrd.cpio"), new byte[512]);
        // the addresses in /chosen are the guest's (IPAs): a VM's RAM may sit above 4 GiB on any board
        String system = """
                import board "qemu-virt"

                system s for qemu-virt {
                    vm low : linux management {
                        cpus [0]
                        memory @ 0x4800_0000 size 256 MiB
                        kernel "Image" @ 0x4800_0000
                        initrd "initrd.cpio" @ 0x5000_0000
                    }
                    vm high : linux {
                        cpus [1]
                        memory @ 0x1_0000_0000 size 256 MiB
                        kernel "Image" @ 0x1_0000_0000
                        initrd "initrd.cpio" @ 0x1_0800_0000
                    }
                }
                """;
        Path shy = dir.resolve("system.shy");
        Files.writeString(shy, system);
        Compilation c = Compiler.standard().compile(List.of(shy));
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        Plan plan = c.instances().get(0).plan();
        OutputTree out = BuildOutputs.emitAll(plan, Examples.inputs(plan));
        assertEquals(List.of(4, 4), initrdLengths(out.get("low.dtb")), "one cell each below 4 GiB");
        assertEquals(List.of(8, 8), initrdLengths(out.get("high.dtb")), "two cells each above 4 GiB");
    }

    /** The byte lengths of /chosen's linux,initrd-start and linux,initrd-end. */
    private static List<Integer> initrdLengths(byte[] dtb) {
        var chosen = FdtReader.read(dtb).orThrow().root().child("chosen");
        return List.of(chosen.property("linux,initrd-start").value().length, chosen.property("linux,initrd-end").value().length);
    }
}
