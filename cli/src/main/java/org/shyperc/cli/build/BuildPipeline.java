package org.shyperc.cli.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.cli.Version;
import org.shyperc.codegen.emit.BuildInputs;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.manifest.Manifest;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.plan.Plan;

/**
 * check + emit for `build` and `run`: compiles, raises missing images to errors (a build
 * needs them), reads every input, and produces one output tree per system and board.
 * Nothing is written here; {@link OutputWriter} does that, all or nothing.
 */
public final class BuildPipeline {
    private BuildPipeline() { }

    /** Trees keyed by "system/board"; empty when there are errors. */
    public record Outcome(List<Diagnostic> diagnostics, Map<String, OutputTree> trees, Map<String, Plan> plans) {
        public boolean failed() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    public static Outcome build(Compiler compiler, List<Path> files, String boardFilter) {
        BuildOutputs.warmUpInBackground(); // the emitters' templates load on the other core while we compile
        Compilation c = compiler.forBuild().compile(files); // a build needs its images: SHY0701 is an error
        List<Diagnostic> ds = new ArrayList<>(c.diagnostics());
        Map<String, OutputTree> trees = new LinkedHashMap<>();
        Map<String, Plan> plans = new LinkedHashMap<>();
        if (ds.stream().anyMatch(Diagnostic::isError)) return new Outcome(ds, Map.of(), Map.of());
        boolean matched = boardFilter == null;
        for (Compilation.Placed p : c.instances()) {
            if (boardFilter != null && !p.instance().board().name().equals(boardFilter)) continue;
            matched = true;
            BuildInputs inputs = BuildInputs.of(Version.get());
            for (ShyFile f : c.files()) {
                inputs = inputs.with(f.source().displayPath(), f.source().text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            for (VmModel vm : p.instance().vms()) {
                for (VmModel.Payload payload : new VmModel.Payload[] {vm.kernel(), vm.initrd()}) {
                    if (payload == null) continue;
                    try {
                        inputs = inputs.with(payload.path(), Files.readAllBytes(payload.resolved()));
                    } catch (IOException | RuntimeException e) {
                        String why = e instanceof java.nio.file.NoSuchFileException ? "it does not exist"
                                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
                        ds.add(Diagnostic.of(Codes.IMAGE_MISSING, payload.span(), "`" + payload.path()
                                + "` cannot be read: " + why + ".").build().withSeverity(Severity.ERROR));
                    }
                }
            }
            if (ds.stream().anyMatch(Diagnostic::isError)) continue;
            String key = p.plan().system() + "/" + p.plan().board().name();
            OutputTree tree = BuildOutputs.emitAll(p.plan(), inputs);
            Diagnostic linkProblem = ImageStep.link(p.plan(), inputs, tree, p.instance().systemSpan());
            if (linkProblem != null) {
                ds.add(linkProblem);
                continue;
            }
            Manifest.addTo(tree, inputs); // last: it lists every other file
            trees.put(key, tree);
            plans.put(key, p.plan());
        }
        if (!matched) {
            return new Outcome(ds, Map.of(), Map.of());
        }
        if (ds.stream().anyMatch(Diagnostic::isError)) return new Outcome(ds, Map.of(), Map.of());
        return new Outcome(ds, trees, plans);
    }
}
