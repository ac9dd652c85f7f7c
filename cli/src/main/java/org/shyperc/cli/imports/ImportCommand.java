package org.shyperc.cli.imports;

import org.shyperc.cli.cmd.Specs;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** `shyperc import rust-shyper|dtb`: existing configurations and device trees into .shy. */
public final class ImportCommand implements Runnable {
    private final CommandSpec spec = Specs.command(this, "import", "Turn Rust-Shyper VM configs or a device tree into .shy source.");

    public ImportCommand() {
        spec.addSubcommand("rust-shyper", new CommandLine(new ImportRustShyperCommand().spec()));
        spec.addSubcommand("dtb", new CommandLine(new ImportDtbCommand().spec()));
    }

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Say what to import: `rust-shyper` or `dtb`.");
    }
}
