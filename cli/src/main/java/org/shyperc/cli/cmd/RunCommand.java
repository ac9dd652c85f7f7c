package org.shyperc.cli.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.shyperc.cli.Main;
import org.shyperc.cli.build.BuildPipeline;
import org.shyperc.cli.build.ConsoleCopy;
import org.shyperc.cli.build.OutputWriter;
import org.shyperc.cli.build.QemuCommand;
import org.shyperc.compiler.Compiler;
import org.shyperc.dsl.io.IoReasons;
import org.shyperc.plan.Plan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `shyperc run FILE`: build, then boot the image under QEMU and stream the console. The exit
 * status is the hypervisor's (it reports through semihosting when every VM has stopped);
 * 124 on timeout, as timeout(1) does.
 */
@Command(name = "run", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Build a system, then boot it under QEMU and stream the console.")
public final class RunCommand implements Callable<Integer> {
    public static final int TIMEOUT = 124;

    @Parameters(arity = "1", paramLabel = "FILE", description = "The system file.")
    Path file;

    @Option(names = "--board", paramLabel = "BOARD", description = "Which target board to run (must be a QEMU board).")
    String board;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Stop QEMU after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--test-hooks", description = "Link the test build of the runtime, with its test hypercalls "
            + "(the isolation example's attacker needs them). Never for a system in use.")
    boolean testHooks;

    @Mixin
    DiagnosticOptions diagnostics = new DiagnosticOptions();

    @Mixin
    BoardPathOptions boardPath = new BoardPathOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BuildPipeline.Outcome o = BuildPipeline.build(Compiler.standard().withBoardPath(boardPath.path(spec.commandLine())), List.of(file), board,
                testHooks);
        var ds = diagnostics.tune(o.diagnostics(), spec.commandLine());
        diagnostics.renderer().render(ds, out);
        out.flush();
        if (ds.stream().anyMatch(d -> d.isError())) return CheckCommand.status(ds);
        if (o.trees().isEmpty()) {
            err.println("shyperc: nothing to run" + (board == null ? ": the file declares no system."
                    : BuildCommand.noSuchBoard(board, o.boards())));
            return Main.USAGE;
        }
        Map.Entry<String, Plan> target = o.plans().entrySet().stream()
                .filter(e -> QemuCommand.canRun(e.getValue())).findFirst().orElse(null);
        if (target == null) {
            err.println("shyperc: none of the system's boards is a QEMU board; `run` boots QEMU's virt and raspi4b "
                    + "(Raspberry Pi 4, 2 GiB) machines only.");
            return Main.USAGE;
        }
        if (o.trees().size() > 1 && board == null) {
            err.println("shyperc: running `" + target.getKey() + "`; pick another with --board.");
        }
        try {
            OutputWriter.writeAll(outDir, o.trees());
        } catch (IOException e) {
            err.println("shyperc: cannot write `" + outDir + "`: " + IoReasons.of(e) + ".");
            return Main.USAGE;
        }
        Path image = outDir.resolve(target.getKey()).resolve(QemuCommand.image(target.getValue())).toAbsolutePath();
        if (!Files.exists(image)) {
            err.println("shyperc: the build wrote no image (" + image + ").");
            return Main.USAGE;
        }
        List<String> cmd = QemuCommand.forPlan(target.getValue(), image);
        err.println("shyperc: " + String.join(" ", cmd));
        err.flush();
        Process qemu;
        try {
            // stdin stays connected: a VM with a virtio console reads what the user types
            qemu = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            err.println("shyperc: `" + cmd.get(0) + "` was not found; install QEMU (Debian: apt-get install qemu-system-arm).");
            return Main.USAGE;
        }
        ConsoleCopy console = new ConsoleCopy(qemu.getInputStream(), System.out);
        Thread pump = new Thread(console, "qemu-console");
        pump.start();
        if (!qemu.waitFor(timeout, TimeUnit.SECONDS)) {
            qemu.destroyForcibly().waitFor();
            pump.join(1000);
            err.println("shyperc: timed out after " + timeout + " s; QEMU stopped.");
            return TIMEOUT;
        }
        pump.join(2000);
        int status = qemu.exitValue();
        String qemuError = console.qemuError();
        if (status != 0 && qemuError != null) {
            // QEMU itself refused to start the machine: the hypervisor never ran
            err.println("shyperc: QEMU could not start the machine; " + QemuCommand.fixFor(target.getValue(), qemuError));
            return Main.USAGE;
        }
        err.println("shyperc: QEMU exited with status " + status + ".");
        return status;
    }
}
