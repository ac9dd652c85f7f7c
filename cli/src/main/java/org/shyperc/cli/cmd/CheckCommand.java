package org.shyperc.cli.cmd;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.shyperc.dsl.diag.Diagnostic;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * `shyperc check FILE…`: every problem at once; exit 0 clean, 1 errors, 2 usage or I/O. Its usual
 * arguments never reach picocli ({@link QuickCheck}); this is its model for the rest, for help and
 * for usage errors.
 */
public final class CheckCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "check", "Check .shy files and report every problem at once.");
    private final PositionalParamSpec filesArg = Specs.positional(spec, PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("FILE")
            .type(List.class).auxiliaryTypes(Path.class).description("Board or system files to check; `-` reads standard input."));
    private final DiagnosticOptions diagnostics = new DiagnosticOptions(spec);
    private final BoardPathOptions boardPath = new BoardPathOptions(spec);
    private final OptionSpec reportOption = Specs.option(spec, OptionSpec.builder("--report").paramLabel("DIR").type(Path.class)
            .description("Also write DIR/<system>.<board>.html: the memory map with every problem drawn where it is."));

    public CommandSpec spec() { return Specs.done(spec); }

    /** The arguments picocli parsed, as values. */
    QuickCheck.Request request() {
        return new QuickCheck.Request(Specs.values(filesArg), diagnostics.format(), diagnostics.given(false), diagnostics.given(true),
                diagnostics.allowed(), boardPath.given(), reportOption.getValue());
    }

    @Override
    public Integer call() {
        QuickCheck.Request r = request();
        var folders = boardPath.path(spec.commandLine()); // a folder that is not one is reported before a bad code
        return QuickCheck.check(r.files(), r.format(), diagnostics.severities(spec.commandLine(), false), folders, r.report(),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** I/O problems with the named files are "cannot run" (2); other errors are findings (1). */
    static int status(List<Diagnostic> ds) {
        return QuickCheck.status(ds);
    }
}
