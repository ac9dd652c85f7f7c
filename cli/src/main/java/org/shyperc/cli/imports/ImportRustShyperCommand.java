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
import org.shyperc.compiler.lower.Lower;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.ast.Import;
import picocli.CommandLine;
import org.shyperc.cli.cmd.Specs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** `shyperc import rust-shyper VM.json… --board B [-o FILE.shy]`: several VMs into one system. */
public final class ImportRustShyperCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "rust-shyper", "Turn Rust-Shyper VM configs (`shyper vm config` JSON) into one .shy system.");
    private final PositionalParamSpec configsArg = Specs.positional(spec, PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("VM.json")
            .type(List.class).auxiliaryTypes(Path.class).description("Rust-Shyper VM config files."));
    private final OptionSpec boardOption = Specs.option(spec, OptionSpec.builder("--board").required(true).paramLabel("BOARD")
            .type(String.class).description("A board name (written as `import board \"BOARD\"`) or a board file (imported by its path)."));
    private final BoardPathOptions boardPath = new BoardPathOptions(spec);
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
        Result<RustShyperImporter.Imported> r = RustShyperImporter.importVms(inputs, Lower.board(b), name,
                loaded.name() != null ? Import.Kind.BOARD : Import.Kind.FILE, target);
        if (ProblemPrinter.print(r.problems(), err) || r.value() == null) return Main.ERRORS;
        if (!OutputFile.write(output, r.value().shy(), spec.commandLine().getOut(), err)) return Main.USAGE;
        if (output != null) spec.commandLine().getOut().println("Wrote " + output + " (" + r.value().vms().size() + " VMs).");
        return Main.OK;
    }
}
