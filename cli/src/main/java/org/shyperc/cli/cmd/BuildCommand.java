package org.shyperc.cli.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.shyperc.cli.Main;
import org.shyperc.cli.build.BuildPipeline;
import org.shyperc.cli.build.OutputWriter;
import org.shyperc.compiler.bind.Names;
import org.shyperc.dsl.io.IoReasons;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `shyperc build FILE… [-o DIR] [--board B]`: every output for every board, all or nothing. */
@Command(name = "build", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Check, then write device trees, configs, reports and the image for every target board.")
public final class BuildCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "System files to build; `-` reads standard input.")
    List<Path> files;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "out",
            description = "Output folder (default: ${DEFAULT-VALUE}); results go to DIR/<system>/<board>/.")
    Path outDir;

    @Option(names = "--board", paramLabel = "BOARD", description = "Build for this board only.")
    String board;

    @Option(names = "--test-hooks", description = "Link the test build of the runtime, with its test hypercalls "
            + "(the isolation example's attacker needs them). Never for a system in use.")
    boolean testHooks;

    @Mixin
    DiagnosticOptions diagnostics = new DiagnosticOptions();

    @Mixin
    BoardPathOptions boardPath = new BoardPathOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BuildPipeline.Outcome o = BuildPipeline.build(Inputs.compiler(files).withBoardPath(boardPath.path(spec.commandLine()))
                .withSeverities(diagnostics.severities(spec.commandLine(), true)), Inputs.paths(files), board, testHooks);
        var ds = o.diagnostics();
        diagnostics.renderer().render(ds, out);
        if (ds.stream().anyMatch(d -> d.isError())) {
            out.println("Build failed; nothing was written.");
            out.flush();
            return CheckCommand.status(ds);
        }
        if (o.trees().isEmpty()) {
            err.println("shyperc: nothing to build" + (board == null ? ": the files declare no system." : noSuchBoard(board, o.boards())));
            return Main.USAGE;
        }
        try {
            OutputWriter.writeAll(outDir, o.trees());
        } catch (IOException e) {
            err.println("shyperc: cannot write `" + outDir + "`: " + IoReasons.of(e) + ".");
            return Main.USAGE;
        }
        o.trees().forEach((k, t) -> out.println("Wrote " + outDir.resolve(k) + "/ (" + t.size() + " files)."));
        out.flush();
        return Main.OK;
    }

    /** "… for board `x`: the systems are for a, b. Did you mean `a`?" */
    static String noSuchBoard(String board, List<String> boards) {
        if (boards.isEmpty()) return " for board `" + board + "`: the files declare no system.";
        String hint = Names.didYouMean(board, boards);
        return " for board `" + board + "`: the systems are for " + String.join(", ", boards) + "."
                + (hint == null ? "" : " " + hint);
    }
}
