package org.shyperc.cli;

import java.io.PrintWriter;
import java.util.List;
import org.shyperc.cli.cmd.BuildCommand;
import org.shyperc.cli.cmd.CheckCommand;
import org.shyperc.cli.cmd.ExplainCommand;
import org.shyperc.cli.cmd.RunCommand;
import org.shyperc.codegen.emit.Warmup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `shyperc`: the command line. Each subcommand is one class in cmd/, registered here. */
@Command(name = "shyperc", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
        description = "Configuration compiler for static-partitioning Shyper hypervisors.")
public final class Main implements Runnable {
    /** Exit statuses: documented in docs/cli.md. */
    public static final int OK = 0;
    public static final int ERRORS = 1;
    public static final int USAGE = 2;

    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
    }

    /** Every subcommand, in the order `--help` lists them: one line each. */
    static final List<Class<?>> COMMANDS = List.of(
            CheckCommand.class,
            BuildCommand.class,
            RunCommand.class,
            ExplainCommand.class,
            org.shyperc.cli.imports.ImportCommand.class,
            org.shyperc.cli.cmd.FmtCommand.class,
            org.shyperc.cli.cmd.LspCommand.class,
            org.shyperc.cli.cmd.InitCommand.class,
            org.shyperc.cli.cmd.CompletionCommand.class,
            org.shyperc.cli.cmd.ManCommand.class,
            CommandLine.HelpCommand.class);

    /** The whole command model (help, completion, man page). */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command model with only the subcommand {@code first} names, when it names one:
     * picocli reflects over every registered command at start-up, and a short `check` should
     * not pay for the language server's. Anything else gets the whole model.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Main());
        boolean one = first != null && COMMANDS.stream().anyMatch(c -> nameOf(c).equals(first));
        for (Class<?> c : COMMANDS) {
            if (!one || nameOf(c).equals(first)) cl.addSubcommand(c);
        }
        cl.setExitCodeExceptionMapper(e -> USAGE);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("shyperc: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help`.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            // A bug, not a user error: say so plainly, keep the trace for the report.
            c.getErr().println("shyperc: internal error: " + ex);
            ex.printStackTrace(c.getErr());
            return 3;
        });
        return cl;
    }

    private static String nameOf(Class<?> c) {
        return c.getAnnotation(Command.class).name();
    }

    public static void main(String[] args) {
        String first = args.length > 0 ? args[0] : null;
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            // No option is a java.time or java.sql type; initialising those classes for picocli's
            // built-in converters (date-time formatters and all) cost a cold check about 8 ms.
            System.setProperty(CONVERTER_EXCLUDES, "java\\.(time|sql)\\..*");
        }
        if ("build".equals(first) || "run".equals(first)) {
            Warmup.startInBackground(); // the other core readies the emitters while picocli starts
        }
        System.exit(commandLine(first).execute(args));
    }
}
