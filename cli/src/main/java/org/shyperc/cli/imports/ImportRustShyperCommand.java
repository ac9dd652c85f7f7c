package org.shyperc.cli.imports;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.shyperc.cli.BoardLibrary;
import org.shyperc.cli.Main;
import org.shyperc.cli.cmd.BoardNames;
import org.shyperc.cli.cmd.BoardPathOptions;
import org.shyperc.cli.cmd.OptionValues;
import org.shyperc.codegen.output.Result;
import org.shyperc.codegen.rustshyper.RustShyperImporter;
import org.shyperc.cli.render.LineRenderer;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.lower.Lower;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.ast.Import;
import picocli.CommandLine;
import org.shyperc.cli.cmd.Specs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** `shyperc import rust-shyper VM.json… --board B [-o FILE.shy]`: several VMs into one system. */
public final class ImportRustShyperCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "rust-shyper", "Write one .shy system from Rust-Shyper VM configs (`shyper vm config` JSON).");
    private final PositionalParamSpec configsArg = Specs.positional(spec, PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("VM.json")
            .type(List.class).auxiliaryTypes(Path.class).description("Rust-Shyper VM config files."));
    private final BoardPathOptions boardPath = new BoardPathOptions(spec);
    // the boards as completion candidates: --help lists them, and a missing --board says them (as init's does)
    private final OptionSpec boardOption = Specs.option(spec, OptionSpec.builder("--board").required(true).paramLabel("BOARD")
            .type(String.class).completionCandidates(BoardNames.of(boardPath))
            .description("A board name (written as `import board \"BOARD\"`) or a board file (imported by its path). "
                    + "Boards: ${COMPLETION-CANDIDATES}."));
    private final OptionSpec nameOption = Specs.option(spec, OptionSpec.builder("--name").paramLabel("NAME").type(String.class)
            .defaultValue("imported").description("The system's name (default: ${DEFAULT-VALUE})."));
    private final OptionSpec outputOption = Specs.option(spec, OptionSpec.builder("-o", "--output").paramLabel("FILE.shy")
            .type(Path.class).description("Write here instead of standard output."));

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() {
        List<Path> configs = Specs.values(configsArg);
        String board = boardOption.getValue();
        String name = nameOption.getValue();
        Path output = outputOption.getValue();
        PrintWriter err = spec.commandLine().getErr();
        OptionValues.name(name, "--name", spec.commandLine());
        BoardLibrary.Loaded loaded = BoardLibrary.load(board, boardPath.path(spec.commandLine()), err);
        if (loaded.board() == null) return loaded.status();
        BoardModel b = loaded.board();
        List<Path> read = new ArrayList<>(configs);
        read.add(loaded.file());
        if (OutputFile.overInput(output, read, err)) return Main.USAGE;
        List<RustShyperImporter.Input> inputs = new ArrayList<>();
        for (Path p : configs) {
            byte[] bytes = OutputFile.read(p, RustShyperImporter.MAX_BYTES, "a Rust-Shyper VM config", err);
            if (bytes == null) return Main.USAGE;
            inputs.add(new RustShyperImporter.Input(p.toString(), bytes));
        }
        Path outDir = (output == null ? Path.of("") : output).toAbsolutePath().normalize();
        if (output != null) outDir = outDir.getParent();
        String target = loaded.name() != null ? loaded.name()
                : outDir.relativize(loaded.file().toAbsolutePath().normalize()).toString().replace('\\', '/');
        Result<RustShyperImporter.Imported> r = RustShyperImporter.importVms(inputs, Lower.board(b),
                b.hyp() == null ? null : b.hyp().console(), name, loaded.name() != null ? Import.Kind.BOARD : Import.Kind.FILE,
                target);
        if (ProblemPrinter.print(r.problems(), err) || r.value() == null) return Main.ERRORS;
        // The result is checked like any .shy file: an import that does not check is no success.
        Path shyPath = (output == null ? Path.of(name + ".shy") : output).toAbsolutePath().normalize();
        Compilation c = new Compiler(shyPath.getParent(), Loader.Sources.DISK, Checks.ALL)
                .withBoardPath(boardPath.path(spec.commandLine()))
                .compileSource(new SourceFile(output == null ? "<imported>" : output.toString(), shyPath, r.value().shy()));
        // a missing image is the CLI's to upload, not this machine's to have: only what `check` judges
        List<Diagnostic> found = c.diagnostics().stream().filter(d -> d.code() != Codes.IMAGE_MISSING).sorted().toList();
        new LineRenderer().render(found, err);
        err.flush();
        if (!OutputFile.write(output, r.value().shy(), spec.commandLine().getOut(), err)) return Main.USAGE;
        if (found.stream().anyMatch(Diagnostic::isError)) {
            long errors = found.stream().filter(Diagnostic::isError).count();
            err.println("shyperc: the imported system does not check: " + errors + (errors == 1 ? " error" : " errors")
                    + " above" + (output == null ? "." : "; " + output + " is written for you to fix."));
            err.flush();
            return Main.ERRORS;
        }
        if (output != null) spec.commandLine().getOut().println("Wrote " + output + " (" + r.value().vms().size()
                + (r.value().vms().size() == 1 ? " VM)." : " VMs)."));
        return Main.OK;
    }
}
