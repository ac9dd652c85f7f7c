package org.shyperc.cli.imports;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.shyperc.cli.BoardLibrary;
import org.shyperc.cli.Main;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `shyperc import rust-shyper VM.json… --board B [-o FILE.shy]`: several VMs into one system. */
@Command(name = "rust-shyper", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Turn Rust-Shyper VM configs (`shyper vm config` JSON) into one .shy system.")
public final class ImportRustShyperCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "VM.json", description = "Rust-Shyper VM config files.")
    List<Path> configs;

    @Option(names = "--board", required = true, paramLabel = "BOARD",
            description = "A board name (written as `import board \"BOARD\"`) or a board file (imported by its path).")
    String board;

    @Mixin
    BoardPathOptions boardPath = new BoardPathOptions();

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "imported", description = "The system's name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.shy", description = "Write here instead of standard output.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        OptionValues.name(name, "--name", spec.commandLine());
        BoardLibrary.Loaded loaded = BoardLibrary.load(board, boardPath.path(spec.commandLine()), err);
        if (loaded.board() == null) return loaded.status();
        BoardModel b = loaded.board();
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
            err.println("shyperc: the imported system does not check: " + found.stream().filter(Diagnostic::isError).count()
                    + " error(s) above" + (output == null ? "." : "; " + output + " is written for you to fix."));
            err.flush();
            return Main.ERRORS;
        }
        if (output != null) spec.commandLine().getOut().println("Wrote " + output + " (" + r.value().vms().size() + " VMs).");
        return Main.OK;
    }
}
