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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * `shyperc init --board B`: writes a starter system for a board of the board path (imported
 * with `import board "B"`) or a board file (imported by its path): a management Linux VM on
 * core 0 and, on boards with more cores, a bare-metal VM on the rest. It checks without errors;
 * only its not-yet-built guest images are warned about.
 */
public final class InitCommand implements Callable<Integer> {
    /** The file name the system gets in a folder: the default output's. */
    static final String DEFAULT_FILE = "system.shy";

    private final CommandSpec spec = Specs.command(this, "init", "Write a starter system for a board that `shyperc check` accepts.");
    private final BoardPathOptions boardPath = new BoardPathOptions(spec);
    private final OptionSpec boardOption = Specs.option(spec, OptionSpec.builder("--board").required(true).paramLabel("BOARD")
            .type(String.class).completionCandidates(new BoardNames(boardPath))
            .description("A board name (looked up like `import board \"BOARD\"`: --board-path, "
                    + "SHYPERC_BOARD_PATH, the board library) or a board file. Boards: ${COMPLETION-CANDIDATES}."));
    private final OptionSpec outputOption = Specs.option(spec, OptionSpec.builder("-o", "--output").paramLabel("FILE").type(Path.class)
            .defaultValue(DEFAULT_FILE).description("Where to write the system (default: ${DEFAULT-VALUE}); "
                    + "into a folder that exists, as " + DEFAULT_FILE + " there."));
    private final OptionSpec nameOption = Specs.option(spec, OptionSpec.builder("--name").paramLabel("NAME").type(String.class)
            .defaultValue("starter").description("The system's name (default: ${DEFAULT-VALUE})."));
    private final OptionSpec forceOption = Specs.option(spec, OptionSpec.builder("--force").type(boolean.class)
            .description("Overwrite the output file if it exists."));
    private String name;

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() {
        String board = boardOption.getValue();
        Path output = outputOption.getValue();
        // `-o d` for a folder d means "put it in d", as cp and mv read a folder as the destination
        if (Files.isDirectory(output)) output = output.resolve(DEFAULT_FILE);
        name = nameOption.getValue();
        boolean force = Specs.flag(forceOption);
        PrintWriter err = spec.commandLine().getErr();
        OptionValues.name(name, "--name", spec.commandLine());
        BoardLibrary.Loaded loaded = BoardLibrary.load(board, boardPath.path(spec.commandLine()), err);
        if (loaded.board() == null) return loaded.status();
        Path out = output.toAbsolutePath().normalize();
        // even with --force: `init --board b.shy -o b.shy` replaced the board with a system importing itself
        if (Files.exists(out) && org.shyperc.compiler.bind.Loader.identity(out)
                .equals(org.shyperc.compiler.bind.Loader.identity(loaded.file().toAbsolutePath()))) {
            err.println("shyperc: cannot write `" + output + "`: it is the board file, which it would replace; write the "
                    + "system elsewhere.");
            return Main.USAGE;
        }
        if (Files.exists(out) && !force) {
            err.println("shyperc: `" + output + "` exists; pass --force to overwrite it.");
            return Main.USAGE;
        }
        try {
            AtomicFile.write(out, starter(loaded.board(), loaded.importFrom(out)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("shyperc: cannot write `" + output + "`: " + IoReasons.of(e) + ".");
            return Main.USAGE;
        }
        // a board found in a --board-path folder needs that folder again to be found
        StringBuilder check = new StringBuilder("shyperc check");
        for (Path p : boardPath.given()) {
            if (loaded.name() != null && loaded.file().startsWith(p.toAbsolutePath().normalize())) {
                check.append(" --board-path ").append(p);
            }
        }
        PrintWriter said = spec.commandLine().getOut();
        said.println("Wrote " + output + " for board `" + loaded.board().name() + "`. Check it with `" + check + " " + output + "`.");
        // the starter names images nobody has yet: say so, and where a first guest is (a new user found it only by
        // reading an example)
        boolean riscv = loaded.board().arch() == org.shyperc.plan.BoardPlan.Arch.RISCV64;
        said.println("Its guest images go next to it: `images/Image` (a Linux kernel)"
                + (loaded.board().cores().size() > 1 ? " and `images/guest.bin` (a bare-metal guest)" : "")
                + "; until they are there, `check` warns (SHY0701) and `build` stops. shyperc's test guest, "
                + (riscv ? "`hypervisor-runtime/target/riscv64/guests/hello.bin`" : "`hypervisor-runtime/target/guests/hello.bin`")
                + " in its checkout, boots as a bare-metal guest (see " + example(loaded.board().name(), riscv) + ").");
        return Main.OK;
    }

    /**
     * The example whose bare-metal VMs run the test guest on a board like this one: the Raspberry Pi's loads it at its
     * own address (a new user on `rpi4` was sent to the QEMU virt example, whose addresses do not fit that board).
     */
    private static String example(String board, boolean riscv) {
        if (riscv) return "examples/qemu-riscv64-baremetal";
        return board.startsWith("rpi4") ? "examples/rpi4-qemu/system.shy" : "examples/qemu-virt-baremetal";
    }

    /** The system text: IPAs chosen clear of every library board's interrupt controller and devices. */
    String starter(BoardModel b, String importLine) {
        int cores = b.cores().size();
        StringBuilder s = new StringBuilder();
        s.append("// A starter system for `").append(b.name()).append("`, written by `shyperc init`.\n");
        s.append("// Guest images are looked for next to this file; PAs are placed by shyperc.\n");
        s.append(importLine).append("\n\n");
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
