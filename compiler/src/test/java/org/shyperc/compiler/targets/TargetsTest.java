package org.shyperc.compiler.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.plan.Plan;

/** Which systems each output target is built for, what it can be built despite, and its checks. */
class TargetsTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Compilation compile(String text) {
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text));
    }

    static String system(String extra, String vmExtra) {
        return "import board \"qemu-virt\"\nsystem s for qemu-virt {\n" + extra + "    vm a : baremetal {\n        cpus [0]\n"
                + "        memory @ 0x0 size 32 MiB\n        kernel \"tests/diagnostics/_lib/kernel.bin\" @ 0x0\n" + vmExtra
                + "    }\n}\n";
    }

    @Test
    void namesAndOrder() {
        assertEquals(List.of("shyper image", "Rust-Shyper configs"), Targets.ALL.stream().map(Target::name).toList());
    }

    @Test
    void theShyperImageToleratesWarningsAndFourErrorsOnly() {
        Target t = ShyperImage.TARGET;
        assertTrue(t.tolerates(Codes.MANAGEMENT_COUNT));
        assertTrue(t.tolerates(Codes.MANAGEMENT_CORE0));
        assertTrue(t.tolerates(Codes.IMAGE_OVERLAP));
        assertTrue(t.tolerates(Codes.ENTRY_OUTSIDE));
        assertTrue(t.tolerates(Codes.IMAGE_MISSING)); // a warning
        assertFalse(t.tolerates(Codes.PA_OVERLAP));
        assertFalse(t.tolerates(Codes.CORE_SHARED));
        for (var c : Codes.ALL) assertTrue(RustShyper.TARGET.tolerates(c), c.id());
    }

    @Test
    void eachTargetBringsItsOwnChecks() {
        List<String> image = ShyperImage.TARGET.checks().stream().map(c -> c.getClass().getSimpleName()).toList();
        assertEquals(List.of("VmCount", "CoreCount", "VmNameLength", "InterruptController", "ConsoleDriver", "LifecycleArch",
                "El2Map", "GicLayout", "HypervisorPpi", "RegionCount", "ImageTooBig", "ColourHypRoom", "ColourHypSpinTable",
                "AttributeUnsupported"), image);
        List<String> rs = RustShyper.TARGET.checks().stream().map(c -> c.getClass().getSimpleName()).toList();
        assertEquals(List.of("RsLimits", "RsNoManagement", "RsNotExported", "RsVirtioConfig", "RsLifecycle", "RsFileNameClash"), rs);
        for (Target t : Targets.ALL) for (Check c : t.checks()) assertTrue(c.code() != null);
    }

    @Test
    void aTargetCheckIsItsCheckUnderItsTargetsName() {
        org.shyperc.compiler.check.TargetCheck tc = Checks.ALL.stream()
                .filter(c -> c instanceof org.shyperc.compiler.check.TargetCheck t
                        && t.check() instanceof org.shyperc.compiler.checks.ImageTooBig)
                .map(c -> (org.shyperc.compiler.check.TargetCheck) c).findFirst().orElseThrow();
        assertEquals("ImageTooBig (shyper image)", tc.toString());
        assertEquals(Codes.IMAGE_TOO_BIG, tc.code());
        assertEquals(tc.check().prerequisites(), tc.prerequisites());
        assertEquals(false, tc.prerequisites().isEmpty());
        assertTrue(tc.target() == ShyperImage.TARGET);
    }

    @Test
    void builtForABoardOfItsArchitectureAndAConsoleKeptByTheHypervisor() {
        Compilation c = compile(system("", ""));
        Instance in = c.instances().get(0).instance();
        Plan plan = c.instances().get(0).plan();
        assertTrue(ShyperImage.TARGET.buildsFor(in.board()));
        assertTrue(ShyperImage.TARGET.buildsFor(in));
        assertTrue(ShyperImage.builtFor(plan));
        assertTrue(RustShyper.TARGET.buildsFor(in.board())); // qemu-virt is one of Rust-Shyper's platforms
        assertTrue(RustShyper.TARGET.buildsFor(in));
    }

    @Test
    void notBuiltForASystemThatHandsTheConsoleToAVm() {
        Compilation c = compile(system("    console to a\n", "        passthrough uart0\n"));
        Instance in = c.instances().get(0).instance();
        assertEquals("a", in.consoleOwner().vm());
        assertTrue(ShyperImage.TARGET.buildsFor(in.board()));
        assertFalse(ShyperImage.TARGET.buildsFor(in));
        Plan plan = c.instances().get(0).plan();
        assertTrue(plan != null, () -> c.diagnostics().toString());
        assertFalse(ShyperImage.builtFor(plan));
    }

    @Test
    void riscvBoardsAreBuiltForAndRustShyperOnlyOnItsPlatforms() {
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL)
                .compile(List.of(ROOT.resolve("examples/qemu-riscv64/system.shy")));
        Instance in = c.instances().get(0).instance();
        assertTrue(ShyperImage.TARGET.buildsFor(in.board()));
        assertTrue(RustShyper.TARGET.buildsFor(in.board())); // QEMU's riscv64 virt is one of Rust-Shyper's platforms
        Plan plan = c.instances().get(0).plan();
        assertTrue(plan != null && ShyperImage.builtFor(plan), () -> c.diagnostics().toString());
        // the corpus's own boards are no platform of Rust-Shyper's
        Compilation rv = compile("import \"tests/diagnostics/_lib/riscv.shy\"\nimport \"tests/diagnostics/_lib/board.shy\"\n");
        for (var b : rv.program().boards()) {
            assertTrue(ShyperImage.TARGET.buildsFor(b), b.name());
            assertFalse(RustShyper.TARGET.buildsFor(b), b.name());
        }
        assertEquals(2, rv.program().boards().size());
    }
}
