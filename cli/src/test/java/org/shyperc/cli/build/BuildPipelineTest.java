package org.shyperc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        Files.writeString(dir.resolve("system.shy"), Files.readString(CliRun.root().resolve("examples/qemu-virt/system.shy")));
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
        for (ShyFile f : c.files()) inputs = inputs.with(f.source().displayPath(), f.source().text().getBytes(StandardCharsets.UTF_8));
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
    }
}
