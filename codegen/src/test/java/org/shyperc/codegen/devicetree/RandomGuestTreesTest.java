package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.PlanArbitraries;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.fdt.FdtReader;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** For random plans, dtc accepts every DTB without a warning and compiles our DTS to the same tree. */
class RandomGuestTreesTest {

    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("shyperc-dtc");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Plan> plans() {
        return PlanArbitraries.plans();
    }

    @Property(tries = 40)
    void dtcAgreesWithOurTrees(@ForAll("plans") Plan plan) throws IOException {
        String dtc = Tool.require("dtc", "device-tree-compiler");
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
