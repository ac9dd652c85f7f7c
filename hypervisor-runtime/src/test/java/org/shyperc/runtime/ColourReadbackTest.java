package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.PlanJson;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Plan;

/**
 * Cache colouring, proven on the image (issue 13, part 1): examples/qemu-virt-coloured on GICv2 and on GICv3, booted
 * and read back as {@link ReadbackTest} reads every example (it is one of them there too). Its stage-2 tables are
 * exactly the runs plan.json lists, every page of each VM's RAM has one of its colours and no other VM maps a page of
 * them ({@link ReadbackTest#checkColours}), and the three coloured bare-metal VMs run: every vCPU prints its hello.
 */
class ColourReadbackTest {

    static Stream<Arguments> systems() {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of("system.shy", "gicv3.shy")) {
            Path p = ExampleSystemsTest.ROOT.resolve("examples/qemu-virt-coloured").resolve(file);
            Compilation c = Compiler.standard().compile(List.of(p));
            assertTrue(!c.hasErrors(), c.diagnostics().toString());
            c.instances().forEach(i -> out.add(Arguments.of("examples/qemu-virt-coloured/" + file + " on "
                    + i.plan().board().name(), i.plan())));
        }
        // the baseline for the stage-2 table cost (bench/README.md): the same system without its colours
        Path p = ExampleSystemsTest.ROOT.resolve("examples/qemu-virt-coloured/system.shy");
        try {
            String text = java.nio.file.Files.readString(p).replaceAll("(?m)^\\s*colours .*$", "");
            Compilation c = Compiler.standard().compileSource(new org.shyperc.dsl.source.SourceFile("system.shy", p, text));
            assertTrue(!c.hasErrors(), c.diagnostics().toString());
            out.add(Arguments.of("examples/qemu-virt-coloured/system.shy uncoloured (baseline)", c.instances().get(0).plan()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(3, out.size());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systems")
    void everyPageOfAColouredVmIsOfItsColoursAndNoOtherVmsColours(String name, Plan plan, @TempDir Path dir) throws Exception {
        PlanExpectations want = PlanExpectations.of(PlanJson.write(plan));
        // not vacuous: three coloured VMs (none in the baseline), the GIC the file is for
        assertEquals(name.contains("baseline") ? 0 : 3, want.vms().stream().filter(v -> !v.colours().isEmpty()).count());
        assertEquals(name.contains("gicv3") ? "GICV3" : "GICV2", want.gic());
        new ReadbackTest().theImageHoldsWhatThePlanSays(name, plan, dir);
    }
}
