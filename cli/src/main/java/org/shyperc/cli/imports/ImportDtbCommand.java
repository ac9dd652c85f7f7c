package org.shyperc.cli.imports;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shyperc.cli.Main;
import org.shyperc.codegen.devicetree.DtbBoardImporter;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.format.Formatter;
import org.shyperc.dsl.source.SourceFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `shyperc import dtb FILE.dtb`: a board file from a real flattened device tree. */
@Command(name = "dtb", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Write a board file from a real device tree blob.")
public final class ImportDtbCommand implements Callable<Integer> {
    @Parameters(arity = "1", paramLabel = "FILE.dtb", description = "The device tree blob.")
    Path dtb;

    @Option(names = "--name", paramLabel = "NAME", description = "The board's name (default: the file name).")
    String name;

    @Option(names = "--reserve", paramLabel = "BASE:SIZE",
            description = "The hypervisor's reservation, e.g. 0x40000000:0x8000000 (default: a commented template).")
    String reserve;

    @Option(names = "--load", paramLabel = "ADDRESS", description = "The hypervisor's load address (default: reservation + 0x80000).")
    String load;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.shy", description = "Write here instead of standard output.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(dtb)) {
            err.println("shyperc: `" + dtb + "` is not a readable file.");
            return Main.USAGE;
        }
        String file = dtb.getFileName().toString();
        String board = name != null ? name : file.replaceFirst("\\.dtb$", "").replaceAll("[^A-Za-z0-9_-]", "-");
        DtbBoardImporter.HypervisorHint hint = null;
        if (reserve != null) {
            String[] parts = reserve.split(":");
            if (parts.length != 2) throw new CommandLine.ParameterException(spec.commandLine(), "--reserve takes BASE:SIZE.");
            long base = number(parts[0]);
            hint = new DtbBoardImporter.HypervisorHint(base, number(parts[1]), load == null ? base + 0x80000 : number(load));
        }
        Result<String> r = DtbBoardImporter.importBoard(Files.readAllBytes(dtb), board, file, hint);
        if (ProblemPrinter.print(r.problems(), err) || r.value() == null) return Main.ERRORS;
        // the board file comes out in the canonical layout, like everything `shyperc fmt` touches
        var formatted = Formatter.format(SourceFile.of(board + ".shy", r.value()));
        String text = formatted.hasErrors() || formatted.value() == null ? r.value() : formatted.value();
        OutputFile.write(output, text, spec.commandLine().getOut());
        if (output != null) spec.commandLine().getOut().println("Wrote " + output + " (board `" + board + "`).");
        return Main.OK;
    }

    private long number(String s) {
        try {
            String t = s.trim().replace("_", "");
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "`" + s + "` is not a number.");
        }
    }
}
