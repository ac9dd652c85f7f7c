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

    /**
     * The colour check can fail (no QEMU): against the tables plan.json describes it finds nothing; one page of alpha's
     * RAM moved to a page of beta's colours, or a page of alpha's colour mapped into gamma, it reports.
     */
    @org.junit.jupiter.api.Test
    void theColourCheckCatchesAPageOfTheWrongColourEitherWay() {
        Plan plan = (Plan) systems().findFirst().orElseThrow().get()[1];
        PlanExpectations want = PlanExpectations.of(PlanJson.write(plan));
        java.util.Map<String, List<Stage2Walk.Mapping>> leaves = new java.util.TreeMap<>();
        want.vms().forEach(v -> leaves.put(v.name(), v.stage2()));
        List<String> problems = new ArrayList<>();
        ReadbackTest.checkColours(want, leaves, problems);
        assertEquals(List.of(), problems);

        Stage2Walk.Mapping first = leaves.get("alpha").get(0);
        List<Stage2Walk.Mapping> moved = new ArrayList<>(leaves.get("alpha"));
        moved.set(0, new Stage2Walk.Mapping("moved", first.ipa(), first.pa() - 8 * 4096, first.size(), first.attrs())); // colour 0: beta's
        java.util.Map<String, List<Stage2Walk.Mapping>> wrong = new java.util.TreeMap<>(leaves);
        wrong.put("alpha", moved);
        ReadbackTest.checkColours(want, wrong, problems);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("vm alpha: its RAM page at IPA")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("vm alpha maps PA") && p.endsWith("which is vm beta's")),
                problems::toString);

        problems.clear();
        java.util.Map<String, List<Stage2Walk.Mapping>> intruder = new java.util.TreeMap<>(leaves);
        List<Stage2Walk.Mapping> gamma = new ArrayList<>(leaves.get("gamma"));
        gamma.add(new Stage2Walk.Mapping("intruder", 0x7000_0000L, first.pa(), 4096, first.attrs())); // alpha's page
        intruder.put("gamma", gamma);
        ReadbackTest.checkColours(want, intruder, problems);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("vm gamma maps PA") && p.endsWith("which is vm alpha's")),
                problems::toString);
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
