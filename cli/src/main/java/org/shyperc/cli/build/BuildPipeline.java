package org.shyperc.cli.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.shyperc.cli.Version;
import org.shyperc.codegen.emit.BuildInputs;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.manifest.Manifest;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.check.Severities;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.io.InputFiles;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Plan;

/**
 * check + emit for `build` and `run`: compiles, raises missing images to errors (a build
 * needs them), reads every input, and produces one output tree per system and board.
 * Nothing is written here; {@link OutputWriter} does that, all or nothing.
 */
public final class BuildPipeline {
    private BuildPipeline() { }

    /**
     * Trees keyed by "system/board"; empty when there are errors. {@code boards}: every board the
     * files' systems are for, in the order they are named, whichever was built.
     */
    /** {@code inputs}: the files read (system files, what they import, guest images), which writing must not replace. */
    public record Outcome(List<Diagnostic> diagnostics, Map<String, OutputTree> trees, Map<String, Plan> plans, List<String> boards,
                          List<Path> inputs) {
        public Outcome(List<Diagnostic> diagnostics, Map<String, OutputTree> trees, Map<String, Plan> plans, List<String> boards) {
            this(diagnostics, trees, plans, boards, List.of());
        }

        public boolean failed() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /** The largest guest image read (a kernel, an initrd): images are held in memory while the image is linked. */
    static final long MAX_IMAGE_BYTES = 1L << 30;

    public static Outcome build(Compiler compiler, List<Path> files, String boardFilter) {
        return build(compiler, files, boardFilter, false, false, false);
    }

    /**
     * @param testHooks link the runtime's test build, with its test hypercalls (`--test-hooks`)
     * @param trapStats ask the runtime for its table of traps by cause at power-off (`--trap-stats`)
     * @param zeroRam   have the runtime zero every VM's RAM at boot on QEMU's machines too (`--zero-ram`)
     */
    public static Outcome build(Compiler compiler, List<Path> files, String boardFilter, boolean testHooks, boolean trapStats,
                                boolean zeroRam) {
        ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shyperc-build-helper");
            t.setDaemon(true);
            return t;
        });
        try {
            return build(compiler, files, boardFilter, testHooks, trapStats, zeroRam, helper);
        } finally {
            helper.shutdown();
        }
    }

    /** {@code helper} makes the configs and reports while this thread does the rest. */
    private static Outcome build(Compiler compiler, List<Path> files, String boardFilter, boolean testHooks, boolean trapStats,
                                 boolean zeroRam, Executor helper) {
        // a build needs its images: SHY0701 is an error; with --board, other boards' instances are not made
        Compiler building = (boardFilter == null ? compiler : compiler.forBoard(boardFilter)).forBuild();
        Severities severities = building.severities();
        Compilation c = building.compile(files);
        List<Diagnostic> ds = new ArrayList<>(c.diagnostics());
        Map<String, OutputTree> trees = new LinkedHashMap<>();
        Map<String, Plan> plans = new LinkedHashMap<>();
        List<String> boards = boardsNamed(c);
        if (ds.stream().anyMatch(Diagnostic::isError)) return new Outcome(ds, Map.of(), Map.of(), boards);
        List<Path> readPaths = new ArrayList<>();
        for (ShyFile f : c.files()) { // imports come before their importers: the system file first
            if (f.source().path() != null) readPaths.add(0, f.source().path());
        }
        boolean matched = boardFilter == null;
        for (Compilation.Placed p : c.instances()) {
            if (boardFilter != null && !p.instance().board().name().equals(boardFilter)) continue;
            matched = true;
            // The configs and reports (they need only the plan) go to the helper; this thread reads
            // the inputs, makes the device trees and links the image, which needs only those.
            // The files are the same whichever thread made them.
            Plan plan = p.plan();
            CompletableFuture<Result<OutputTree>> configs = CompletableFuture.supplyAsync(
                    () -> BuildOutputs.configsAndReports(plan), helper);
            BuildInputs inputs = BuildInputs.of(Version.get());
            for (ShyFile f : c.files()) {
                inputs = inputs.with(manifestName(f, building.boardPath().libraryFolder(), folderOf(files)), f.source().bytes());
            }
            for (VmModel vm : p.instance().vms()) {
                for (VmModel.Payload payload : new VmModel.Payload[] {vm.kernel(), vm.initrd()}) {
                    if (payload == null) continue;
                    InputFiles.Read read = payload.resolved() == null ? null
                            : InputFiles.read(payload.resolved(), payload.path(), MAX_IMAGE_BYTES, "a guest image");
                    if (read != null && read.ok() && read.bytes().length != payload.size()) {
                        // the checks placed and measured the payload by its stated size; these bytes would break that
                        ds.add(severities.apply(Diagnostic.of(Codes.IMAGE_CHANGED, payload.span(), "`" + payload.path()
                                + "` was " + (payload.size() < 0 ? "unreadable" : payload.size() + " bytes") + " when the system was checked, but " + read.bytes().length
                                + " bytes were read to build it.").hint("Build again once nothing writes the file; a file whose "
                                + "size is known only once it is read (one under /proc) cannot be a guest image.").build()));
                    } else if (read != null && read.ok()) {
                        inputs = inputs.with(payload.path(), read.bytes());
                        readPaths.add(payload.resolved());
                    } else {
                        ds.add(severities.apply(Diagnostic.of(Codes.IMAGE_MISSING, payload.span(), read == null
                                ? "`" + payload.path() + "` cannot be read: the system file is not on disk." : read.problem())
                                .build()));
                    }
                }
            }
            if (ds.stream().anyMatch(Diagnostic::isError)) continue;
            String key = plan.system() + "/" + plan.board().name();
            OutputTree tree = BuildOutputs.guestTrees(plan, inputs);
            Diagnostic linkProblem = ImageStep.link(plan, inputs, tree, p.instance().systemSpan(), testHooks, trapStats, zeroRam);
            // while the helper finishes: hash the inputs and the image, most of the bytes
            Manifest.Sums sums = linkProblem != null ? null : new Manifest.Sums().take(inputs.files()).take(tree.files());
            Result<OutputTree> made = join(configs);
            tree.putAll(made.value());
            ds.addAll(exportProblems(made.problems(), ds, p.instance().systemSpan(), plan.board().name(), severities));
            if (linkProblem != null) {
                ds.add(severities.apply(linkProblem));
                continue;
            }
            if (ds.stream().anyMatch(Diagnostic::isError)) continue; // an exporter's problem raised with -E
            Manifest.addTo(tree, inputs, sums); // last: it lists every other file
            trees.put(key, tree);
            plans.put(key, plan);
        }
        if (!matched) {
            return new Outcome(ds, Map.of(), Map.of(), boards);
        }
        if (ds.stream().anyMatch(Diagnostic::isError)) return new Outcome(ds, Map.of(), Map.of(), boards);
        return new Outcome(ds, trees, plans, boards, readPaths);
    }

    /**
     * What an exporter found over a target's limits, as diagnostics at the system: each problem
     * whose code the checks have not already reported (they report the same limits at their
     * source, from the same constants; this is the net for anything they miss). Warnings, unless
     * `-E` made their code an error; the files are written either way, an error stops the build.
     */
    static List<Diagnostic> exportProblems(List<Problem> problems, List<Diagnostic> reported, SourceSpan system, String board,
            Severities severities) {
        java.util.Set<String> codes = new java.util.HashSet<>();
        reported.forEach(d -> codes.add(d.code().id()));
        List<Diagnostic> out = new ArrayList<>();
        for (Problem pr : problems) {
            if (codes.contains(pr.code().id())) continue;
            Diagnostic d = severities.apply(Diagnostic.of(pr.code(), system, pr.message() + " (" + pr.location() + ", board `"
                    + board + "`)").build());
            if (!severities.leavesOut(d)) out.add(d);
        }
        return out;
    }

    /**
     * The name a read file has in the manifest: its display path, but a board of the library (a checkout's `boards/`
     * as much as the jar's) is `<boards>/NAME.shy`, as an installed jar names it: the checkout's absolute path made
     * the manifest of one system differ between two checkouts, and between a checkout and an installed jar.
     */
    /**
     * A source's name in the manifest: a library board's under `<boards>`, any other file's relative to the folder of the
     * system file the build was given, as its images' paths are. By the path on the command line, the manifest of one
     * system differed with the folder the build was started from.
     */
    static String manifestName(ShyFile f, Path library, Path base) {
        Path p = f.source().path();
        if (library != null && p != null && p.getFileSystem() == library.getFileSystem() && p.startsWith(library)) {
            return org.shyperc.compiler.bind.BoardPath.BUNDLED + "/" + library.relativize(p).toString().replace('\\', '/');
        }
        if (base != null && p != null && p.getFileSystem() == base.getFileSystem()) {
            Path abs = p.toAbsolutePath().normalize();
            if (abs.getRoot() != null && abs.getRoot().equals(base.getRoot())) return base.relativize(abs).toString().replace('\\', '/');
        }
        return f.source().displayPath();
    }

    /** The folder of the first file named on the command line, absolute; null without one (a system read from stdin). */
    static Path folderOf(List<Path> files) {
        if (files.isEmpty() || files.get(0) == null) return null;
        return files.get(0).toAbsolutePath().normalize().getParent();
    }

    private static List<String> boardsNamed(Compilation c) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (ShyFile f : c.files()) {
            for (var s : f.systems()) s.boards().forEach(b -> names.add(b.text()));
        }
        return List.copyOf(names);
    }

    /** The helper's result; its failure rethrown as if this thread had met it. */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
