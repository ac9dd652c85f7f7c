package org.shyperc.cli.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.shyperc.cli.Main;
import org.shyperc.cli.build.BuildPipeline;
import org.shyperc.cli.build.OutputWriter;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.io.IoReasons;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** `shyperc build FILE… [-o DIR] [--board B]`: every output for every board, all or nothing. */
public final class BuildCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "build",
            "Check, then write device trees, configs, reports and the image for every target board.");
    private final PositionalParamSpec filesArg = Specs.positional(spec, PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("FILE")
            .type(List.class).auxiliaryTypes(Path.class).description("System files to build; `-` reads standard input."));
    private final OptionSpec outOption = Specs.option(spec, OptionSpec.builder("-o", "--output").paramLabel("DIR").type(Path.class)
            .defaultValue("out").description("Output folder (default: ${DEFAULT-VALUE}); results go to DIR/<system>/<board>/."));
    private final OptionSpec boardOption = Specs.option(spec, OptionSpec.builder("--board").paramLabel("BOARD").type(String.class)
            .description("Build for this board only."));
    private final OptionSpec testHooksOption = Specs.option(spec, OptionSpec.builder("--test-hooks").type(boolean.class)
            .description("Link the test build of the runtime, with its test hypercalls "
                    + "(the isolation example's attacker needs them). Never for a system in use."));
    private final OptionSpec trapStatsOption = Specs.option(spec, OptionSpec.builder("--trap-stats").type(boolean.class)
            .description("Make the hypervisor print, when the machine powers off, a table of its traps (exits to EL2, "
                    + "or to HS on riscv64) by cause, per VM."));
    private final OptionSpec zeroRamOption = Specs.option(spec, OptionSpec.builder("--zero-ram").type(boolean.class)
            .description("Make the hypervisor zero every VM's RAM at boot on QEMU's virt machines too (other boards "
                    + "always have it: their RAM may hold what firmware or an earlier boot left)."));
    private final DiagnosticOptions diagnostics = new DiagnosticOptions(spec);
    private final BoardPathOptions boardPath = new BoardPathOptions(spec);

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() {
        List<Path> files = Specs.values(filesArg);
        Path outDir = outOption.getValue();
        String board = boardOption.getValue();
        boolean testHooks = Specs.flag(testHooksOption);
        boolean trapStats = Specs.flag(trapStatsOption);
        boolean zeroRam = Specs.flag(zeroRamOption);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BuildPipeline.Outcome o = BuildPipeline.build(Inputs.compiler(files).withBoardPath(boardPath.path(spec.commandLine()))
                .withSeverities(diagnostics.severities(spec.commandLine(), true)), Inputs.paths(files), board, testHooks, trapStats, zeroRam);
        var ds = o.diagnostics();
        diagnostics.renderer().render(ds, out);
        // with --format json or sarif, standard output is that one document: what build says besides goes to stderr
        PrintWriter says = diagnostics.format().isDocument() ? err : out;
        if (ds.stream().anyMatch(d -> d.isError())) {
            says.println("Build failed; nothing was written.");
            out.flush();
            says.flush();
            return CheckCommand.status(ds);
        }
        if (o.trees().isEmpty()) {
            err.println("shyperc: nothing to build" + (board == null ? ": the files declare no system." : noSuchBoard(board, o.boards())));
            return Main.USAGE;
        }
        try {
            OutputWriter.writeAll(outDir, o.trees(), o.inputs());
        } catch (IOException e) {
            err.println("shyperc: cannot write `" + outDir + "`: " + IoReasons.of(e) + ".");
            return Main.USAGE;
        }
        o.trees().forEach((k, t) -> says.println("Wrote " + outDir.resolve(k) + "/ (" + t.size() + " files)."));
        out.flush();
        says.flush();
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
