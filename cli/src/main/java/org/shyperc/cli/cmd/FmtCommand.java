package org.shyperc.cli.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.shyperc.cli.Main;
import org.shyperc.cli.io.AtomicFile;
import org.shyperc.cli.render.PrettyRenderer;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.format.Formatter;
import org.shyperc.dsl.io.IoReasons;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * `shyperc fmt [--check] FILE…`: rewrites files in the canonical layout, or with --check only
 * names those that are not in it (exit 1). `-` formats standard input to standard output.
 */
public final class FmtCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "fmt", "Rewrite .shy files in the canonical layout (comments are kept).");
    private final PositionalParamSpec filesArg = Specs.positional(spec, PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("FILE")
            .type(List.class).auxiliaryTypes(String.class)
            .description("Files to format; a folder means every .shy file under it; `-` reads standard input."));
    private final OptionSpec checkOption = Specs.option(spec, OptionSpec.builder("--check").type(boolean.class)
            .description("Change nothing; list files that are not formatted and exit 1 if any."));

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() throws IOException {
        List<String> files = Specs.values(filesArg);
        boolean check = Specs.flag(checkOption);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = Main.OK;
        for (String name : files) {
            String why = Main.notAPath(name);
            if (why != null) throw new CommandLine.ParameterException(spec.commandLine(), why + ".");
        }
        for (String name : expand(files)) {
            Result<SourceFile> source = name.equals("-")
                    ? SourceLoader.loadStdin(System.in, "<stdin>", null)
                    : SourceLoader.load(Path.of(name), name, null);
            if (source.value() == null) {
                new PrettyRenderer(false).render(source.diagnostics(), err);
                status = Math.max(status, Main.USAGE);
                continue;
            }
            Result<String> laidOut = Formatter.format(source.value());
            // a file that began with a byte-order mark keeps it, as a CRLF file keeps its line ends: the layout is
            // canonical, the encoding the file's; it was dropped without a word, and `--check` failed such a file always
            String original = source.value().bom() ? "\uFEFF" + source.value().text().substring(1) : source.value().text();
            Result<String> formatted = laidOut.value() == null || !source.value().bom() ? laidOut
                    : new Result<>("\uFEFF" + laidOut.value(), laidOut.diagnostics());
            if (formatted.value() == null) {
                new PrettyRenderer(false).render(formatted.diagnostics(), err);
                err.println(name + ": not formatted: fix the syntax errors first.");
                status = Math.max(status, Main.ERRORS);
            } else if (name.equals("-")) {
                out.print(formatted.value());
            } else if (!formatted.value().equals(original)) {
                if (check) {
                    out.println(name + ": not formatted");
                    status = Math.max(status, Main.ERRORS);
                } else {
                    try {
                        AtomicFile.write(Path.of(name), formatted.value().getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        err.println("shyperc: cannot write `" + name + "`: " + IoReasons.of(e) + "; it is unchanged.");
                        status = Math.max(status, Main.USAGE);
                    }
                }
            }
        }
        out.flush();
        err.flush();
        return status;
    }

    /** Folders become the .shy files under them, in path order; build output folders are skipped. */
    private static List<String> expand(List<String> args) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (a.equals("-") || !Files.isDirectory(p)) {
                out.add(a);
                continue;
            }
            try (var walk = Files.walk(p)) {
                walk.filter(f -> f.toString().endsWith(".shy") && Files.isRegularFile(f))
                        .filter(f -> { for (Path part : p.relativize(f)) if (SKIPPED.contains(part.toString())) return false; return true; })
                        .sorted().forEach(f -> out.add(f.toString()));
            }
        }
        return out;
    }

    private static final java.util.Set<String> SKIPPED = java.util.Set.of("target", "out", "node_modules", ".git");
}
