package org.shyperc.cli.imports;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shyperc.cli.Main;
import org.shyperc.cli.cmd.OptionValues;
import org.shyperc.codegen.devicetree.DtbBoardImporter;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.format.Formatter;
import org.shyperc.dsl.source.SourceFile;
import picocli.CommandLine;
import org.shyperc.cli.cmd.Specs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** `shyperc import dtb FILE.dtb`: a board file from a real flattened device tree. */
public final class ImportDtbCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "dtb", "Write a board file from a real device tree blob.");
    private final PositionalParamSpec dtbArg = Specs.positional(spec, PositionalParamSpec.builder().arity("1").required(true).paramLabel("FILE.dtb")
            .type(Path.class).description("The device tree blob."));
    private final OptionSpec nameOption = Specs.option(spec, OptionSpec.builder("--name").paramLabel("NAME").type(String.class)
            .description("The board's name (default: the file name)."));
    private final OptionSpec reserveOption = Specs.option(spec, OptionSpec.builder("--reserve").paramLabel("BASE:SIZE").type(String.class)
            .description("The hypervisor's reservation, e.g. 0x40000000:0x8000000 (default: a commented template)."));
    private final OptionSpec loadOption = Specs.option(spec, OptionSpec.builder("--load").paramLabel("ADDRESS").type(String.class)
            .description("The hypervisor's load address (default: reservation + 0x80000)."));
    private final OptionSpec outputOption = Specs.option(spec, OptionSpec.builder("-o", "--output").paramLabel("FILE.shy")
            .type(Path.class).description("Write here instead of standard output."));

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() {
        Path dtb = dtbArg.getValue();
        String name = nameOption.getValue();
        Path output = outputOption.getValue();
        PrintWriter err = spec.commandLine().getErr();
        CommandLine cl = spec.commandLine();
        String file = dtb.getFileName() == null ? dtb.toString() : dtb.getFileName().toString();
        String board = name != null ? OptionValues.name(name, "--name", cl) : OptionValues.nameFrom(file.replaceFirst("\\.dtb$", ""));
        DtbBoardImporter.HypervisorHint hint = hint(cl);
        if (OutputFile.overInput(output, java.util.List.of(dtb), err)) return Main.USAGE;
        byte[] bytes = OutputFile.read(dtb, DtbBoardImporter.MAX_BYTES, "a device-tree blob", err);
        if (bytes == null) return Main.USAGE;
        Result<String> r = DtbBoardImporter.importBoard(bytes, board, file, hint);
        if (ProblemPrinter.print(r.problems(), err) || r.value() == null) return Main.ERRORS;
        // the board file comes out in the canonical layout, like everything `shyperc fmt` touches
        var formatted = Formatter.format(SourceFile.of(board + ".shy", r.value()));
        String text = formatted.hasErrors() || formatted.value() == null ? r.value() : formatted.value();
        if (!OutputFile.write(output, text, spec.commandLine().getOut(), err)) return Main.USAGE;
        if (output != null) spec.commandLine().getOut().println("Wrote " + output + " (board `" + board + "`).");
        return Main.OK;
    }

    /**
     * --reserve and --load as the board file will say them: page-aligned, not past 2^64, the load
     * address inside the reservation. Null without --reserve (the board gets a template to fill in).
     */
    private DtbBoardImporter.HypervisorHint hint(CommandLine cl) {
        String reserve = reserveOption.getValue();
        String load = loadOption.getValue();
        if (reserve == null) {
            if (load != null) throw new CommandLine.ParameterException(cl, "--load needs --reserve: the load address lies in the reservation.");
            return null;
        }
        String[] parts = reserve.split(":", -1);
        if (parts.length != 2) throw new CommandLine.ParameterException(cl, "--reserve takes BASE:SIZE, e.g. 0x40000000:0x8000000.");
        long base = OptionValues.aligned(OptionValues.number(parts[0], "--reserve", cl), "the base", "--reserve", cl);
        long size = OptionValues.aligned(OptionValues.number(parts[1], "--reserve", cl), "the size", "--reserve", cl);
        if (size == 0) throw new CommandLine.ParameterException(cl, "--reserve: the size is 0; the hypervisor needs room.");
        if (OptionValues.overflows(base, size)) {
            throw new CommandLine.ParameterException(cl, "--reserve: 0x" + Long.toHexString(base) + " + 0x" + Long.toHexString(size)
                    + " runs past the end of the 64-bit address space.");
        }
        long at = load == null ? base + DtbBoardImporter.DEFAULT_LOAD_OFFSET : OptionValues.number(load, "--load", cl);
        boolean inside = Long.compareUnsigned(at, base) >= 0 && Long.compareUnsigned(at - base, size) < 0
                && (load != null || Long.compareUnsigned(size, DtbBoardImporter.DEFAULT_LOAD_OFFSET) > 0);
        if (!inside) {
            throw new CommandLine.ParameterException(cl, (load == null ? "the default load address (the reservation + 0x80000)"
                    : "--load 0x" + Long.toHexString(at)) + " is not inside the reservation 0x" + Long.toHexString(base)
                    + " size 0x" + Long.toHexString(size) + (load == null ? "; give a larger reservation or --load." : "."));
        }
        OptionValues.aligned(at, "the load address", "--load", cl);
        return new DtbBoardImporter.HypervisorHint(base, size, at);
    }
}
