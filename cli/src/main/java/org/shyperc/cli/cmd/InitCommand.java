package org.shyperc.cli.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shyperc.cli.BoardLibrary;
import org.shyperc.cli.Main;
import org.shyperc.cli.io.AtomicFile;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.io.IoReasons;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `shyperc init --board B`: writes a starter system for a board of the library (or a board
 * file): a management Linux VM on core 0 and, on boards with more cores, a bare-metal VM on
 * the rest. It checks without errors; only its not-yet-built guest images are warned about.
 */
@Command(name = "init", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Write a starter system for a board that `shyperc check` accepts.")
public final class InitCommand implements Callable<Integer> {
    @Option(names = "--board", required = true, paramLabel = "BOARD",
            description = "A board name from the library (a `boards/BOARD.shy` here or in a parent folder) or a board file.")
    String board;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "system.shy",
            description = "Where to write the system (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "starter", description = "The system's name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--force", description = "Overwrite the output file if it exists.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        OptionValues.name(name, "--name", spec.commandLine());
        BoardLibrary.Loaded loaded = BoardLibrary.load(board, err);
        if (loaded.board() == null) return loaded.status();
        Path boardFile = loaded.file();
        Path out = output.toAbsolutePath().normalize();
        if (Files.exists(out) && !force) {
            err.println("shyperc: `" + output + "` exists; pass --force to overwrite it.");
            return Main.USAGE;
        }
        String importPath = out.getParent().relativize(boardFile.toAbsolutePath().normalize()).toString().replace('\\', '/');
        try {
            AtomicFile.write(out, starter(loaded.board(), importPath).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("shyperc: cannot write `" + output + "`: " + IoReasons.of(e) + ".");
            return Main.USAGE;
        }
        spec.commandLine().getOut().println("Wrote " + output + " for board `" + loaded.board().name()
                + "`. Check it with `shyperc check " + output + "`.");
        return Main.OK;
    }

    /** The system text: IPAs chosen clear of every library board's interrupt controller and devices. */
    String starter(BoardModel b, String importPath) {
        int cores = b.cores().size();
        StringBuilder s = new StringBuilder();
        s.append("// A starter system for `").append(b.name()).append("`, written by `shyperc init`.\n");
        s.append("// Guest images are looked for next to this file; PAs are placed by shyperc.\n");
        s.append("import \"").append(importPath).append("\"\n\n");
        s.append("system ").append(name).append(" for ").append(b.name()).append(" {\n");
        s.append("    vm mvm : linux management {\n");
        s.append("        cpus [0]\n");
        s.append("        memory @ 0x8000_0000 size 256 MiB\n");
        s.append("        kernel \"images/Image\" @ 0x8020_0000\n");
        s.append("        bootargs \"earlycon\"\n");
        s.append("    }\n");
        if (cores > 1) {
            s.append("    vm guest : baremetal {\n");
            s.append("        cpus [").append(cores == 2 ? "1" : "1.." + (cores - 1)).append("]\n");
            s.append("        memory @ 0x4000_0000 size 64 MiB\n");
            s.append("        kernel \"images/guest.bin\" @ 0x4000_0000\n");
            s.append("    }\n");
        }
        s.append("}\n");
        return s.toString();
    }
}
