package org.shyperc.cli.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.shyperc.cli.Main;
import org.shyperc.cli.build.FindingsReport;
import org.shyperc.cli.io.AtomicFile;
import org.shyperc.compiler.Compilation;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.dsl.io.IoReasons;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** `shyperc check FILE…`: every problem at once; exit 0 clean, 1 errors, 2 usage or I/O. */
public final class CheckCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "check", "Check .shy files and report every problem at once.");
    private final PositionalParamSpec filesArg = Specs.positional(spec, PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("FILE")
            .type(List.class).auxiliaryTypes(Path.class).description("Board or system files to check; `-` reads standard input."));
    private final DiagnosticOptions diagnostics = new DiagnosticOptions(spec);
    private final BoardPathOptions boardPath = new BoardPathOptions(spec);
    private final OptionSpec reportOption = Specs.option(spec, OptionSpec.builder("--report").paramLabel("DIR").type(Path.class)
            .description("Also write DIR/<system>.<board>.html: the memory map with every problem drawn where it is."));
    private Path reportDir;

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() {
        List<Path> files = Specs.values(filesArg);
        reportDir = reportOption.getValue();
        Compilation c = Inputs.compiler(files).withBoardPath(boardPath.path(spec.commandLine()))
                .withSeverities(diagnostics.severities(spec.commandLine(), false)).compile(Inputs.paths(files));
        List<Diagnostic> ds = c.diagnostics();
        PrintWriter out = spec.commandLine().getOut();
        diagnostics.renderer().render(ds, out);
        if (reportDir != null && !writeReports(c, ds, out)) return Main.USAGE;
        if (diagnostics.format() == DiagnosticOptions.Format.pretty) {
            long errors = ds.stream().filter(d -> d.severity() == Severity.ERROR).count();
            long warnings = ds.stream().filter(d -> d.severity() == Severity.WARNING).count();
            out.println(errors == 0 && warnings == 0 ? "No problems found."
                    : plural(errors, "error") + ", " + plural(warnings, "warning") + ".");
        }
        out.flush();
        return status(ds);
    }

    private boolean writeReports(Compilation c, List<Diagnostic> ds, PrintWriter out) {
        try {
            Files.createDirectories(reportDir);
            for (var e : FindingsReport.render(c, ds).entrySet()) {
                AtomicFile.write(reportDir.resolve(e.getKey()), e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return true;
        } catch (IOException e) {
            spec.commandLine().getErr().println("shyperc: cannot write the report to `" + reportDir + "`: " + IoReasons.of(e) + ".");
            return false;
        }
    }

    /** I/O problems with the named files are "cannot run" (2); other errors are findings (1). */
    static int status(List<Diagnostic> ds) {
        if (ds.stream().anyMatch(d -> d.code() == Codes.IO)) return Main.USAGE;
        return ds.stream().anyMatch(Diagnostic::isError) ? Main.ERRORS : Main.OK;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
