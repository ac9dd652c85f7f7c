package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.Gens;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.PlanGens;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.fdt.FdtReader;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** For random plans, dtc accepts every DTB without a warning and compiles our DTS to the same tree. */
class RandomGuestTreesTest {

    private static Path dir;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("shyperc-dtc");
    }

    @AfterAll
    static void removeDir() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void dtcAgreesWithOurTrees() {
        String dtc = Tool.require("dtc", "device-tree-compiler");
        Gens.qt(40).withShrinkCycles(30).forAll(PlanGens.plans()).checkAssert(plan -> {
            try {
                dtcAgrees(dtc, plan);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void dtcAgrees(String dtc, Plan plan) throws IOException {
        OutputTree out = BuildOutputs.emitAll(plan, TestPlans.inputs());
        for (VmPlan vm : plan.vms()) {
            Files.write(dir.resolve("ours.dtb"), out.get(vm.name() + ".dtb"));
            Files.write(dir.resolve("ours.dts"), out.get(vm.name() + ".dts"));
            Tool.Run decompile = Tool.run(dir, 30, dtc, "-I", "dtb", "-O", "dts", "-o", "back.dts", "ours.dtb");
            assertEquals("", decompile.stderr(), vm.name());
            assertEquals(0, decompile.exitCode());
            Tool.Run compile = Tool.run(dir, 30, dtc, "-I", "dts", "-O", "dtb", "-o", "theirs.dtb", "ours.dts");
            assertEquals("", compile.stderr(), out.text(vm.name() + ".dts"));
            assertEquals(FdtReader.read(Files.readAllBytes(dir.resolve("theirs.dtb"))).orThrow().root(),
                    FdtReader.read(out.get(vm.name() + ".dtb")).orThrow().root());
        }
    }
}
