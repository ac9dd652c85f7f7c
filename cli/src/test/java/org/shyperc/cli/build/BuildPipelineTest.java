package org.shyperc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;
import org.shyperc.cli.Version;
import org.shyperc.codegen.emit.BuildInputs;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.manifest.Manifest;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** The pipeline shares its work with a helper thread; the files must be those of doing it all in order. */
class BuildPipelineTest {

    @Test
    void theHelperThreadChangesNoByte(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("images"));
        // the example imports its board from the library: `import board "qemu-virt"`
        // with a byte-order mark, as some Windows editors save: the manifest hashes the file's bytes, mark and all
        Files.writeString(dir.resolve("system.shy"), "\uFEFF" + Files.readString(CliRun.root().resolve("examples/qemu-virt/system.shy")));
        byte[] image = new byte[64 * 1024];
        for (int i = 0; i < image.length; i++) image[i] = (byte) (i * 13 + 5);
        for (String f : List.of("Image", "initrd.cpio.gz", "rt.bin", "bm.bin")) Files.write(dir.resolve("images").resolve(f), image);
        Compiler compiler = new Compiler(dir, org.shyperc.compiler.bind.Loader.Sources.DISK, org.shyperc.compiler.check.Checks.ALL);
        List<Path> files = List.of(dir.resolve("system.shy"));

        BuildPipeline.Outcome o = BuildPipeline.build(compiler, files, null);
        assertFalse(o.failed(), o.diagnostics().toString());
        assertEquals(1, o.trees().size());
        OutputTree parallel = o.trees().values().iterator().next();

        Compilation c = compiler.forBuild().compile(files);
        Compilation.Placed p = c.instances().get(0);
        Plan plan = p.plan();
        BuildInputs inputs = BuildInputs.of(Version.get());
        for (ShyFile f : c.files()) {
            inputs = inputs.with(BuildPipeline.manifestName(f, compiler.boardPath().libraryFolder(), BuildPipeline.folderOf(files)),
                    f.source().bytes());
        }
        for (VmPlan vm : plan.vms()) {
            inputs = inputs.with(vm.kernel().path(), image);
            if (vm.initrd() != null) inputs = inputs.with(vm.initrd().path(), image);
        }
        OutputTree inOrder = BuildOutputs.emitAll(plan, inputs);
        assertNull(ImageStep.link(plan, inputs, inOrder, p.instance().systemSpan()));
        Manifest.addTo(inOrder, inputs);

        assertEquals(inOrder.files().keySet(), parallel.files().keySet());
        for (String path : inOrder.files().keySet()) {
            assertEquals(inOrder.text(path), parallel.text(path), path);
        }
        assertEquals(inOrder, parallel);

        // the library board by its library name, as an installed jar names it: not this checkout's absolute path
        String manifest = parallel.text("manifest.json");
        assertTrue(manifest.contains("\"path\": \"<boards>/qemu-virt.shy\""), manifest);
        // the system file relative to its own folder, wherever the build was started from
        assertTrue(manifest.contains("\"path\": \"system.shy\""), manifest);
        assertFalse(manifest.contains(CliRun.root().toString()), manifest);
        assertTrue(manifest.contains("\"sha256\": \"" + Manifest.sha256(Files.readAllBytes(dir.resolve("system.shy"))) + "\""), manifest);
    }

    /**
     * `console to` hands the hypervisor's UART to a VM, which the runtime refuses at boot: build says so
     * (SHY1110) and writes the device trees and Rust-Shyper's files without an image.
     */
    @Test
    void aSystemThatHandsItsConsoleToAVmBuildsNoImage(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("Image"), new byte[4096]);
        Files.writeString(dir.resolve("system.shy"), """
                import board "qemu-virt"
                system handed for qemu-virt {
                    console to mvm
                    vm mvm : linux management {
                        cpus [0]
                        memory @ 0x8000_0000 size 256 MiB
                        kernel "Image" @ 0x8020_0000
                    }
                }
                """);
        Compiler compiler = new Compiler(dir, org.shyperc.compiler.bind.Loader.Sources.DISK, org.shyperc.compiler.check.Checks.ALL);
        BuildPipeline.Outcome o = BuildPipeline.build(compiler, List.of(dir.resolve("system.shy")), null);
        assertFalse(o.failed(), o.diagnostics().toString());
        assertEquals(List.of("SHY1110"), o.diagnostics().stream().map(d -> d.code().id()).toList(), o.diagnostics().toString());
        var tree = o.trees().values().iterator().next();
        assertNull(tree.get("shyper.bin"));
        assertTrue(tree.get("mvm.dtb") != null && tree.get("rust-shyper/mvm.json") != null, tree.files().keySet().toString());

        // without it, the same system gets its image
        Files.writeString(dir.resolve("system.shy"), Files.readString(dir.resolve("system.shy")).replace("    console to mvm\n", ""));
        BuildPipeline.Outcome imaged = BuildPipeline.build(compiler, List.of(dir.resolve("system.shy")), null);
        assertFalse(imaged.failed(), imaged.diagnostics().toString());
        assertTrue(imaged.trees().values().iterator().next().get("shyper.bin") != null);
    }

    /** A kernel file name Rust-Shyper's CLI cannot hold (it panics slicing a 32-byte buffer) is reported by build. */
    @Test
    void buildReportsEveryRustShyperLimit(@TempDir Path dir) throws Exception {
        String kernel = "Image-6.1.0-28-arm64-with-debug.bin"; // 35 bytes
        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images").resolve(kernel), new byte[4096]);
        Files.writeString(dir.resolve("system.shy"), """
                import board "qemu-virt"
                system long-names for qemu-virt {
                    vm mvm : linux management {
                        cpus [0]
                        memory @ 0x8000_0000 size 256 MiB
                        kernel "images/%s" @ 0x8020_0000
                    }
                }
                """.formatted(kernel));
        Compiler compiler = new Compiler(dir, org.shyperc.compiler.bind.Loader.Sources.DISK, org.shyperc.compiler.check.Checks.ALL);
        BuildPipeline.Outcome o = BuildPipeline.build(compiler, List.of(dir.resolve("system.shy")), null);
        assertFalse(o.failed(), o.diagnostics().toString());
        assertEquals(List.of("SHY0916"), o.diagnostics().stream().map(d -> d.code().id()).toList(), o.diagnostics().toString());
    }

    @Test
    void anExportProblemTheChecksReportedAlreadyIsNotRepeated() {
        var file = org.shyperc.dsl.source.SourceFile.of("s.shy", "system s for b { }\n");
        var span = new org.shyperc.dsl.source.SourceSpan(file, 0, 6);
        var problems = List.of(org.shyperc.codegen.output.Problem.of(org.shyperc.dsl.diag.Codes.RS_LIMIT, "Too long.", "rust-shyper/a.json#/name"),
                org.shyperc.codegen.output.Problem.of(org.shyperc.dsl.diag.Codes.RS_NO_MANAGEMENT, "No MVM.", "rust-shyper/"));
        var checked = List.of(org.shyperc.dsl.diag.Diagnostic.of(org.shyperc.dsl.diag.Codes.RS_LIMIT, span, "Too long.").build());
        var out = BuildPipeline.exportProblems(problems, checked, span, "b", org.shyperc.compiler.check.Severities.NONE);
        assertEquals(List.of("SHY0918: No MVM. (rust-shyper/, board `b`)"),
                out.stream().map(d -> d.code().id() + ": " + d.message()).toList());
        assertFalse(out.get(0).isError());
        // -E makes the exporter's problem an error, as it does the check's
        var raised = BuildPipeline.exportProblems(problems, checked, span, "b",
                org.shyperc.compiler.check.Severities.NONE.error(org.shyperc.dsl.diag.Codes.RS_NO_MANAGEMENT));
        assertTrue(raised.get(0).isError(), raised.toString());
    }
}
