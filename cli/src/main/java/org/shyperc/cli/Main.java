package org.shyperc.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.shyperc.cli.cmd.BoardNames;
import org.shyperc.cli.cmd.BuildCommand;
import org.shyperc.cli.cmd.CheckCommand;
import org.shyperc.cli.cmd.CompletionCommand;
import org.shyperc.cli.cmd.ExplainCommand;
import org.shyperc.cli.cmd.FmtCommand;
import org.shyperc.cli.cmd.InitCommand;
import org.shyperc.cli.cmd.LspCommand;
import org.shyperc.cli.cmd.ManCommand;
import org.shyperc.cli.cmd.QuickCheck;
import org.shyperc.cli.cmd.RunCommand;
import org.shyperc.cli.cmd.Specs;
import org.shyperc.cli.imports.ImportCommand;
import org.shyperc.cli.io.CheckedStdout;
import org.shyperc.cli.render.VisibleWriter;
import org.shyperc.codegen.emit.Warmup;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.io.IoReasons;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * `shyperc`: the command line. Each subcommand is one class in cmd/, registered here; each
 * builds its own picocli model (see {@link Specs}).
 */
public final class Main implements Runnable {
    /** Exit statuses: documented in docs/cli.md. */
    public static final int OK = 0;
    public static final int ERRORS = 1;
    public static final int USAGE = 2;

    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    private final CommandSpec spec = Specs.command(this, "shyperc", "Configuration compiler for static-partitioning Shyper hypervisors.")
            .versionProvider(new Version());

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
    }

    /** Every subcommand, in the order `--help` lists them. */
    static final List<String> COMMANDS = List.of("check", "build", "run", "explain", "import", "fmt", "lsp", "init", "completion",
            "man", "help");

    /** A new instance of the command {@code name}: its model. */
    private static Object command(String name) {
        return switch (name) {
            case "check" -> new CheckCommand().spec();
            case "build" -> new BuildCommand().spec();
            case "run" -> new RunCommand().spec();
            case "explain" -> new ExplainCommand().spec();
            case "import" -> new ImportCommand().spec();
            case "fmt" -> new FmtCommand().spec();
            case "lsp" -> new LspCommand().spec();
            case "init" -> new InitCommand().spec();
            case "completion" -> new CompletionCommand().spec();
            case "man" -> new ManCommand().spec();
            case "help" -> new CommandLine.HelpCommand(); // picocli's own, read from its annotations: only for help
            default -> throw new IllegalArgumentException(name);
        };
    }

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
        CommandLine cl = new CommandLine(Specs.done(new Main().spec));
        boolean one = first != null && COMMANDS.contains(first);
        for (String name : COMMANDS) {
            if (!one || name.equals(first)) cl.addSubcommand(name, command(name));
        }
        // Classes, not lambdas: picocli's interfaces are Java 5 class files, so a lambda for one cannot come from the
        // launcher's class-data archive and is spun on every start (a millisecond each).
        Handlers h = new Handlers();
        cl.registerConverter(java.nio.file.Path.class, h);
        cl.setExitCodeExceptionMapper(h);
        cl.setParameterExceptionHandler(h);
        cl.setExecutionExceptionHandler(h);
        return cl;
    }

    /**
     * "Unknown command `frob`." with the command within edit distance 2 ("did you mean"), or else
     * the nearest one, when one is nearest, and the list of commands; null when {@code ex} is not
     * about a word where a subcommand belongs.
     */
    static String unknownCommand(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) return null;
        CommandLine at = ex.getCommandLine();
        if (at.getSubcommands().isEmpty() || u.getUnmatched().isEmpty()) return null;
        String word = u.getUnmatched().get(0);
        if (word.startsWith("-") || at.getParseResult() != null && at.getParseResult().subcommand() != null) return null;
        List<String> names = new java.util.ArrayList<>(at.getSubcommands().keySet());
        String qualified = at.getCommandSpec().qualifiedName();
        String prefix = qualified.equals("shyperc") ? "" : qualified.substring("shyperc ".length()) + " ";
        String hint = Names.closest(word, names).map(n -> " Did you mean `" + prefix + n + "`?")
                .orElse(Names.nearest(word, names).map(n -> " The nearest is `" + prefix + n + "`; the").orElse(" The")
                        + " commands are " + String.join(", ", names) + ".");
        return "Unknown command `" + prefix + word + "`." + hint;
    }

    /**
     * A file or folder argument; a NUL in it names no file, which is said plainly rather than as Java's exception.
     * An empty one is refused too: Java reads it as the working directory, so `-o "$OUT"` with OUT unset built into
     * the current folder, `fmt ""` formatted every .shy file under it, and `check ""` blamed a folder nobody named.
     */
    static java.nio.file.Path path(String s) {
        String why = notAPath(s);
        if (why != null) throw new CommandLine.TypeConversionException(why + ".");
        return java.nio.file.Path.of(s);
    }

    /** Why {@code s} names no file (it is empty, or contains a NUL), or null when it may name one. */
    public static String notAPath(String s) {
        if (s.isEmpty()) return "an empty argument names no file or folder (an unset shell variable?)";
        return s.indexOf('\0') < 0 ? null
                : "`" + s.replace("\0", "\\0") + "` is not a valid path: it contains a NUL character";
    }

    public static void main(String[] args) {
        String first = args.length > 0 ? args[0] : null;
        if ("check".equals(first)) {
            // the usual arguments of a check need none of picocli (docs/decisions.md, "Start-up")
            QuickCheck.Request request = QuickCheck.parse(args);
            if (request != null) {
                CheckedStdout stdout = new CheckedStdout();
                // what picocli's own standard error is: autoflush, in the encoding it picks
                String encoding = System.getProperty("sun.stderr.encoding");
                PrintWriter err = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.err,
                        encoding == null ? java.nio.charset.Charset.defaultCharset() : charset(encoding))), true);
                Integer status = QuickCheck.run(request, stdout.writer(), err);
                if (status != null) System.exit(finish(status, stdout, err));
            }
        }
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            // No option is a java.time or java.sql type; initialising those classes for picocli's
            // built-in converters (date-time formatters and all) cost a cold check about 8 ms.
            System.setProperty(CONVERTER_EXCLUDES, "java\\.(time|sql)\\..*");
        }
        if ("build".equals(first) || "run".equals(first)) {
            Warmup.startInBackground(); // the other core readies the emitters while picocli starts
        }
        System.exit(run(commandLine(first), args));
    }

    /** Runs a command with checked standard output: output that could not be written is a failure (2). */
    static int run(CommandLine cl, String[] args) {
        CheckedStdout stdout = new CheckedStdout();
        cl.setOut(stdout.writer());
        cl.setErr(new PrintWriter(new VisibleWriter(cl.getErr()), true)); // it quotes the user's words: shown, not run
        return finish(cl.execute(args), stdout, cl.getErr());
    }

    /** The exit status of a command that ended with {@code status}, once what it printed has been written (or failed to be). */
    private static int finish(int status, CheckedStdout stdout, PrintWriter err) {
        IOException failure = stdout.failure();
        if (failure == null || CheckedStdout.isBrokenPipe(failure)) return status;
        err.println("shyperc: cannot write to standard output: " + IoReasons.of(failure) + ".");
        err.flush();
        return status == OK || status == ERRORS ? USAGE : status;
    }

    /** The encoding picocli would write standard error in for the name {@code encoding}. */
    private static java.nio.charset.Charset charset(String encoding) {
        try {
            return java.nio.charset.Charset.forName("cp65001".equalsIgnoreCase(encoding) ? "UTF-8" : encoding);
        } catch (RuntimeException e) {
            return java.nio.charset.Charset.defaultCharset();
        }
    }

    /**
     * A command failed with {@code ex} while it ran: an I/O failure is the user's to act on (2),
     * anything else a bug (3), reported with its trace.
     */
    public static int failed(Exception ex, PrintWriter err) {
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            // a file or folder the command had to write or read failed it: the user can act on the reason
            IOException io = ex instanceof IOException e ? e : ((UncheckedIOException) ex).getCause();
            err.println("shyperc: " + IoReasons.of(io) + ".");
            return USAGE;
        }
        // A bug, not a user error: say so plainly, keep the trace for the report.
        err.println("shyperc: internal error: " + ex);
        ex.printStackTrace(err);
        return 3;
    }

    /** The converter and handlers {@link #commandLine(String)} installs. */
    private static final class Handlers implements CommandLine.ITypeConverter<java.nio.file.Path>,
            CommandLine.IExitCodeExceptionMapper, CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
        @Override
        public java.nio.file.Path convert(String s) { return path(s); }

        @Override
        public int getExitCode(Throwable e) { return USAGE; }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            PrintWriter err = ex.getCommandLine().getErr();
            String unknown = unknownCommand(ex);
            if (unknown != null) {
                err.println("shyperc: " + unknown);
            } else {
                err.println("shyperc: " + ex.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
                // a missing --board says which boards there are, as a misspelt one does
                if (ex instanceof CommandLine.MissingParameterException m) {
                    for (CommandLine.Model.ArgSpec a : m.getMissing()) {
                        if (a.completionCandidates() instanceof BoardNames boards) err.println(boards.missing());
                    }
                }
            }
            err.println("Try `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help`.");
            return USAGE;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine c, CommandLine.ParseResult parseResult) {
            return failed(ex, c.getErr());
        }
    }
}
