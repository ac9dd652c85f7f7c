package org.shyperc.cli.imports;

import picocli.CommandLine.Command;

/** `shyperc import rust-shyper|dtb`: existing configurations and device trees into .shy. */
@Command(name = "import", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Turn Rust-Shyper VM configs or a device tree into .shy source.",
        subcommands = {ImportRustShyperCommand.class, ImportDtbCommand.class})
public final class ImportCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Say what to import: `rust-shyper` or `dtb`.");
    }
}
