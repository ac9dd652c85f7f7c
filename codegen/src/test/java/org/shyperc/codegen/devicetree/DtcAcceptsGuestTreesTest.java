package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.fdt.FdtReader;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** The real dtc reads every guest DTB without a warning, and our DTS compiles to the same tree. */
@Tag("dtc")
class DtcAcceptsGuestTreesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> guests() {
        return TestPlans.cases().entrySet().stream().flatMap(c -> {
            Plan plan = c.getValue().get();
            return plan.vms().stream().map(vm -> Arguments.of(c.getKey(), vm.name()));
        });
    }

    private OutputTree outputs(String caseName) {
        return BuildOutputs.emitAll(TestPlans.cases().get(caseName).get(), TestPlans.inputs());
    }

    @ParameterizedTest(name = "{0}/{1}.dtb")
    @MethodSource("guests")
    void dtcDecompilesWithoutWarnings(String caseName, String vm) throws IOException {
        String dtc = Tool.require("dtc", "device-tree-compiler");
        Path dtb = dir.resolve(vm + ".dtb");
        Files.write(dtb, outputs(caseName).get(vm + ".dtb"));
        Tool.Run r = Tool.run(dir, 30, dtc, "-I", "dtb", "-O", "dts", "-o", "out.dts", dtb.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr(), "dtc warned about " + caseName + "/" + vm + ".dtb");
    }

    @ParameterizedTest(name = "{0}/{1}.dts")
    @MethodSource("guests")
    void dtsAndDtbDescribeTheSameTree(String caseName, String vm) throws IOException {
        String dtc = Tool.require("dtc", "device-tree-compiler");
        OutputTree out = outputs(caseName);
        Files.writeString(dir.resolve("ours.dts"), out.text(vm + ".dts"));
        Files.write(dir.resolve("ours.dtb"), out.get(vm + ".dtb"));
        Tool.Run compile = Tool.run(dir, 30, dtc, "-I", "dts", "-O", "dtb", "-o", "theirs.dtb", "ours.dts");
        assertEquals(0, compile.exitCode(), compile.stderr());
        assertEquals("", compile.stderr(), "dtc warned compiling " + vm + ".dts");

        // Decompiled text of both blobs must match line for line ...
        Tool.Run a = Tool.run(dir, 30, dtc, "-I", "dtb", "-O", "dts", "ours.dtb");
        Tool.Run b = Tool.run(dir, 30, dtc, "-I", "dtb", "-O", "dts", "theirs.dtb");
        assertEquals(b.stdout(), a.stdout());
        // ... and our reader sees the same tree in dtc's blob as in ours.
        byte[] theirs = Files.readAllBytes(dir.resolve("theirs.dtb"));
        assertEquals(FdtReader.read(theirs).orThrow().root(), FdtReader.read(out.get(vm + ".dtb")).orThrow().root());
    }

    /**
     * Every character a string could hold, control characters too: the .dts spells none of them raw (a `cat` of it
     * would run an escape sequence), and dtc still compiles it to our tree. The compiler refuses control characters
     * in .shy strings (SHY0107); a Plan made another way may have them.
     */
    @org.junit.jupiter.api.Test
    void aStringWithControlCharactersIsEscapedInTheDtsAndCompilesToTheSameTree() throws IOException {
        String dtc = Tool.require("dtc", "device-tree-compiler");
        StringBuilder every = new StringBuilder();
        for (char c = 1; c < 0xa0; c++) every.append(c);
        every.append("\u00e9\u4e2d");
        Plan plan = TestPlans.withBootargs(TestPlans.linuxBoot(), every.toString());
        OutputTree out = BuildOutputs.emitAll(plan, TestPlans.inputs());
        String name = plan.vms().get(0).name();
        String text = out.text(name + ".dts");
        for (char c : text.toCharArray()) {
            assertTrue(c >= 0x20 && c != 0x7f || c == '\n' || c == '\t', "a raw U+" + Integer.toHexString(c) + " in the .dts");
        }
        Files.writeString(dir.resolve("ours.dts"), text);
        Tool.Run compile = Tool.run(dir, 30, dtc, "-I", "dts", "-O", "dtb", "-o", "theirs.dtb", "ours.dts");
        assertEquals(0, compile.exitCode(), compile.stderr());
        assertEquals(FdtReader.read(Files.readAllBytes(dir.resolve("theirs.dtb"))).orThrow().root(),
                FdtReader.read(out.get(name + ".dtb")).orThrow().root());
    }

    @ParameterizedTest(name = "{0}/{1}: chosen and memory")
    @MethodSource("guests")
    void decompiledTreeStatesMemoryAndBootargs(String caseName, String vmName) throws IOException {
        String dtc = Tool.require("dtc", "device-tree-compiler");
        Plan plan = TestPlans.cases().get(caseName).get();
        VmPlan vm = plan.vm(vmName);
        Files.write(dir.resolve("g.dtb"), outputs(caseName).get(vmName + ".dtb"));
        String dts = Tool.run(dir, 30, dtc, "-I", "dtb", "-O", "dts", "g.dtb").stdout();
        for (VmPlan.Region r : vm.memory()) {
            assertTrue(dts.contains(String.format("memory@%x {", r.ipa())), dts);
            assertTrue(dts.contains(String.format("reg = <0x%02x 0x%02x 0x%02x 0x%02x>;", r.ipa() >>> 32,
                    r.ipa() & 0xffffffffL, r.size() >>> 32, r.size() & 0xffffffffL)), dts);
        }
        if (!vm.bootargs().isEmpty()) {
            assertTrue(dts.contains("bootargs = \"" + vm.bootargs() + "\";"), dts);
        }
        long cpuNodes = dts.lines().filter(l -> l.matches("\\s*cpu@[0-9a-f]+ \\{")).count();
        assertEquals(vm.cpus().size(), cpuNodes);
        for (Map.Entry<String, List<String>> e : Map.of("psci", List.of("method = \"smc\";")).entrySet()) {
            e.getValue().forEach(line -> assertTrue(dts.contains(line), e.getKey()));
        }
    }
}
