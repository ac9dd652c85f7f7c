package org.shyperc.cli.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.shyperc.cli.Main;
import org.shyperc.cli.build.BuildPipeline;
import org.shyperc.cli.build.ConsoleCopy;
import org.shyperc.cli.build.OutputWriter;
import org.shyperc.cli.build.QemuBoards;
import org.shyperc.cli.build.QemuCommand;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.BoardPath;
import org.shyperc.dsl.io.IoReasons;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.Plan;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * `shyperc run FILE`: build, then boot the image under QEMU and stream the console. The exit
 * status is the hypervisor's, from its power-off line (QEMU runs without semihosting, which would let any
 * guest kernel reach the host: docs/runtime.md); QEMU's own without that line; 124 on timeout, as timeout(1) does.
 */
public final class RunCommand implements Callable<Integer> {
    public static final int TIMEOUT = 124;

    private final CommandSpec spec = Specs.command(this, "run", "Build a system, then boot it under QEMU and stream the console.");
    private final PositionalParamSpec fileArg = Specs.positional(spec, PositionalParamSpec.builder().arity("1").required(true).paramLabel("FILE")
            .type(Path.class).description("The system file."));
    private final OptionSpec boardOption = Specs.option(spec, OptionSpec.builder("--board").paramLabel("BOARD").type(String.class)
            .description("Which target board to run (must be a QEMU board)."));
    private final OptionSpec outOption = Specs.option(spec, OptionSpec.builder("-o", "--output").paramLabel("DIR").type(Path.class)
            .defaultValue("out").description("Output folder (default: ${DEFAULT-VALUE})."));
    private final OptionSpec timeoutOption = Specs.option(spec, OptionSpec.builder("--timeout").paramLabel("SECONDS").type(int.class)
            .defaultValue("60").description("Stop QEMU after this many seconds (default: ${DEFAULT-VALUE})."));
    private final OptionSpec testHooksOption = Specs.option(spec, OptionSpec.builder("--test-hooks").type(boolean.class)
            .description("Link the test build of the runtime, with its test hypercalls "
                    + "(the isolation example's attacker needs them). Never for a system in use."));
    private final OptionSpec trapStatsOption = Specs.option(spec, OptionSpec.builder("--trap-stats").type(boolean.class)
            .description("Make the hypervisor print, when the machine powers off, a table of its traps (exits to EL2, "
                    + "or to HS on riscv64) by cause, per VM."));
    private final OptionSpec zeroRamOption = Specs.option(spec, OptionSpec.builder("--zero-ram").type(boolean.class)
            .description("Make the hypervisor zero every VM's RAM at boot on QEMU's virt machines too (other boards "
                    + "always have it: their RAM may hold what firmware or an earlier boot left)."));
    private final OptionSpec tcgOption = Specs.option(spec, OptionSpec.builder("--tcg").paramLabel("THREADS").type(QemuCommand.Tcg.class)
            .defaultValue("multi").description("How QEMU runs the board's cores: `multi`, a host thread each (QEMU's default), "
                    + "or `single`, all in one thread, which boots Linux faster on a host with fewer CPUs than the board "
                    + "has cores (default: ${DEFAULT-VALUE})."));
    private final DiagnosticOptions diagnostics = new DiagnosticOptions(spec);
    private final BoardPathOptions boardPath = new BoardPathOptions(spec);

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path file = fileArg.getValue();
        String board = boardOption.getValue();
        boolean testHooks = Specs.flag(testHooksOption);
        boolean trapStats = Specs.flag(trapStatsOption);
        boolean zeroRam = Specs.flag(zeroRamOption);
        Path outDir = outOption.getValue();
        int timeout = timeoutOption.getValue();
        // 0 or less built the image and killed QEMU 50 ms into its boot: said before anything is done
        if (timeout < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "`--timeout` is a number of seconds, 1 or more, not "
                    + timeout + ".");
        }
        PrintWriter err = spec.commandLine().getErr();
        BoardPath path = boardPath.path(spec.commandLine());
        BuildPipeline.Outcome o = BuildPipeline.build(Compiler.standard().withBoardPath(path)
                .withSeverities(diagnostics.severities(spec.commandLine(), true)), List.of(file), board, testHooks, trapStats, zeroRam);
        var ds = o.diagnostics();
        // standard output is the guests' console: `run x.shy > console.log` keeps the build's warnings out of it
        diagnostics.renderer().render(ds, err);
        if (ds.stream().anyMatch(d -> d.isError())) {
            // as `build` says it: the errors alone did not say that nothing was written and nothing started
            err.println("Build failed; nothing was written and QEMU was not started.");
            err.flush();
            return CheckCommand.status(ds);
        }
        err.flush();
        if (o.trees().isEmpty()) {
            err.println("shyperc: nothing to run" + (board == null ? ": the file declares no system."
                    : BuildCommand.noSuchBoard(board, o.boards())));
            return Main.USAGE;
        }
        Map.Entry<String, Plan> target = o.plans().entrySet().stream()
                .filter(e -> QemuCommand.canRun(e.getValue())).findFirst().orElse(null);
        if (target == null) {
            err.println("shyperc: none of the system's boards is a QEMU board; `run` boots QEMU's virt machines (aarch64, "
                    + "riscv64) and its Raspberry Pi 4 model raspi4b (2 GiB) only.");
            List<BoardPlan> boards = new ArrayList<>();
            for (Plan p : o.plans().values()) boards.add(p.board());
            String hint = QemuBoards.hint(boards, path);
            if (hint != null) err.println(hint);
            return Main.USAGE;
        }
        if (o.trees().size() > 1 && board == null) {
            err.println("shyperc: running `" + target.getKey() + "`; pick another with --board.");
        }
        try {
            OutputWriter.writeAll(outDir, o.trees(), o.inputs());
        } catch (IOException e) {
            err.println("shyperc: cannot write `" + outDir + "`: " + IoReasons.of(e) + ".");
            return Main.USAGE;
        }
        Path image = outDir.resolve(target.getKey()).resolve(QemuCommand.image(target.getValue())).toAbsolutePath();
        if (!Files.exists(image)) {
            err.println("shyperc: the build wrote no image (" + image + ").");
            return Main.USAGE;
        }
        List<String> cmd = QemuCommand.forPlan(target.getValue(), image, tcgOption.getValue());
        err.println("shyperc: " + String.join(" ", cmd));
        err.flush();
        Process qemu;
        try {
            // stdin stays connected: a VM with a virtio console reads what the user types
            qemu = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            err.println("shyperc: `" + cmd.get(0) + "` was not found; install QEMU (Debian: apt-get install "
                    + QemuCommand.debianPackage(cmd.get(0)) + ").");
            return Main.USAGE;
        }
        ConsoleCopy console = new ConsoleCopy(qemu.getInputStream(), System.out);
        Thread pump = new Thread(console, "qemu-console");
        pump.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        while (!qemu.waitFor(50, TimeUnit.MILLISECONDS)) {
            if (console.halted()) {
                // a board with no firmware to power it off (QEMU's raspi4b): the hypervisor has said its last word
                qemu.destroy();
                qemu.waitFor();
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                qemu.destroyForcibly().waitFor();
                pump.join(1000);
                err.println("shyperc: timed out after " + timeout + " s; QEMU stopped.");
                return TIMEOUT;
            }
        }
        pump.join(2000);
        int status = qemu.exitValue();
        String qemuError = console.qemuError();
        if (status != 0 && qemuError != null) {
            // QEMU itself refused to start the machine: the hypervisor never ran
            err.println("shyperc: QEMU could not start the machine; " + QemuCommand.fixFor(target.getValue(), qemuError));
            return Main.USAGE;
        }
        Integer hypervisor = console.powerOffStatus();
        if (hypervisor != null) {
            err.println(poweredOff(hypervisor));
            return hypervisor;
        }
        err.println("shyperc: QEMU exited with status " + status + ".");
        return status;
    }

    /**
     * The line that reports the hypervisor's status, with what the runtime means by it (docs/runtime.md: the largest
     * VM status). A number alone read as the status table's "internal error" for 3, which is a guest's fault.
     */
    static String poweredOff(int status) {
        String meaning = switch (status) {
            case 0 -> "every VM powered itself off";
            case 2 -> "it refused its configuration (the line above says why)";
            case 3 -> "a VM stopped on a fault (the `shyper: vm …` line above says which and where)";
            case 99 -> "it panicked (the line above says where)";
            default -> "a VM's exit code, from the runtime's test hypercall";
        };
        return "shyperc: the hypervisor powered off with status " + status + ": " + meaning + ".";
    }
}
