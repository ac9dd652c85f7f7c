package org.shyperc.cli.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.shyperc.cli.Main;
import org.shyperc.cli.build.FindingsReport;
import org.shyperc.cli.io.AtomicFile;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.bind.BoardPath;
import org.shyperc.compiler.check.Severities;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.dsl.io.IoReasons;

/**
 * `shyperc check` without picocli, for the arguments a hook, an editor or a user at a prompt
 * usually give: files, and `--format`, `-W`, `-E`, `-A`, `--board-path`, `--report` each with its value
 * as the next argument (or after `=` for the long ones). Setting up picocli (loading, verifying and
 * initialising its Java 5 class files, building the model) was a fifth of a cold `check`
 * (docs/decisions.md, "Start-up"). Anything else (help, `--`, `@file`, an unknown option, a bad
 * value, a repeated single option, no file) is left to picocli, which parses it again and says
 * what is wrong; so this class never reports a usage error itself, and it accepts nothing
 * picocli would read differently ({@code QuickCheckTest} compares the two on generated arguments).
 * No picocli type appears here, so none is loaded on this path.
 */
public final class QuickCheck {
    private QuickCheck() { }

    /** What `check` was asked, however it was parsed. */
    public record Request(List<Path> files, DiagnosticOptions.Format format, List<String> warn, List<String> error,
            List<String> allow, List<Path> boardPath, Path report) { }

    /**
     * The request in {@code args} (the whole command line, {@code args[0]} being `check`), or null
     * when they are not in the plain form this reads or would be refused (an unknown code, a
     * warning the targets cannot allow, a board-path folder that is not one): then picocli runs them.
     */
    public static Request parse(String[] args) {
        if (args.length < 2 || !"check".equals(args[0]) || picocliTuned()) return null;
        List<Path> files = new ArrayList<>();
        List<String> warn = new ArrayList<>();
        List<String> error = new ArrayList<>();
        List<String> allow = new ArrayList<>();
        List<Path> boardPath = new ArrayList<>();
        DiagnosticOptions.Format format = null;
        Path report = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.indexOf('\0') >= 0 || a.startsWith("@")) return null; // refused: picocli says so
            if (a.equals("-") || !a.startsWith("-")) {
                Path p = path(a);
                if (p == null) return null;
                files.add(p);
                continue;
            }
            String name = a;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@") || value.indexOf('\0') >= 0) return null;
            switch (name) {
                case "--format" -> {
                    if (format != null) return null;
                    format = format(value);
                    if (format == null) return null;
                }
                case "--report" -> {
                    if (report != null) return null;
                    report = path(value);
                    if (report == null) return null;
                }
                case "--board-path" -> {
                    Path p = path(value);
                    if (p == null) return null;
                    boardPath.add(p);
                }
                case "-W" -> warn.add(value);
                case "-E" -> error.add(value);
                case "-A" -> allow.add(value);
                default -> {
                    return null;
                }
            }
        }
        if (files.isEmpty()) return null;
        return new Request(List.copyOf(files), format == null ? DiagnosticOptions.Format.pretty : format, List.copyOf(warn),
                List.copyOf(error), List.copyOf(allow), List.copyOf(boardPath), report);
    }

    /**
     * Runs a request {@link #parse} read: the exit status, or null when picocli should run the
     * arguments instead, because the request would be refused (so picocli reports it as it does).
     * Failures while checking are reported as picocli's execution handler in {@link Main} does.
     */
    public static Integer run(Request r, PrintWriter out, PrintWriter err) {
        Severities severities = Severities.NONE;
        try {
            for (String w : r.warn()) {
                Optional<Code> c = Codes.find(w);
                if (c.isEmpty()) return null;
                severities = severities.warn(c.get());
            }
            for (String e : r.error()) {
                Optional<Code> c = Codes.find(e);
                if (c.isEmpty()) return null;
                severities = severities.error(c.get());
            }
            for (String a : r.allow()) {
                severities = severities.allow(a);
                if (severities == null) return null; // an unknown code: picocli says so
            }
        } catch (Severities.Refused refused) {
            return null;
        }
        for (Path f : r.boardPath()) {
            if (!Files.isDirectory(f)) return null;
        }
        try {
            return check(r.files(), r.format(), severities, BoardPath.fromEnvironment(r.boardPath()), r.report(), out, err);
        } catch (Exception ex) {
            return Main.failed(ex, err);
        }
    }

    /** `check` itself, once its arguments are values: prints the diagnostics, writes the report; the exit status. */
    static int check(List<Path> files, DiagnosticOptions.Format format, Severities severities, BoardPath boardPath, Path reportDir,
            PrintWriter out, PrintWriter err) {
        Compilation c = Inputs.compiler(files).withBoardPath(boardPath).withSeverities(severities).compile(Inputs.paths(files));
        List<Diagnostic> ds = c.diagnostics();
        format.renderer().render(ds, out);
        List<Path> reports = reportDir == null ? List.of() : writeReports(c, ds, reportDir, err);
        if (reports == null) return Main.USAGE;
        if (format == DiagnosticOptions.Format.pretty) {
            long errors = 0;
            long warnings = 0;
            long rustShyper = 0;
            List<Code> rs = Severities.group(Severities.RUST_SHYPER);
            for (Diagnostic d : ds) {
                if (d.severity() == Severity.ERROR) errors++;
                if (d.severity() == Severity.WARNING) warnings++;
                if (d.severity() == Severity.WARNING && rs.contains(d.code())) rustShyper++;
            }
            // what -A left out is counted, so a CI log does not read as if there had been nothing
            boolean none = errors == 0 && warnings == 0;
            String leftOut = c.leftOut() == 0 ? "" : none ? "; " + plural(c.leftOut(), "warning") + " left out with `-A`"
                    : " (" + c.leftOut() + " more left out with `-A`)";
            out.println(none ? "No problems found" + leftOut + "."
                    : plural(errors, "error") + ", " + plural(warnings, "warning") + leftOut + ".");
            // most systems are not deployed on Rust-Shyper, and its export's warnings were the ones a new user could not place
            if (rustShyper > 0) {
                boolean one = rustShyper == 1;
                out.println((rustShyper == warnings ? (one ? "The warning is" : "The warnings are")
                        : rustShyper + " of the warnings " + (one ? "is" : "are"))
                        + " about Rust-Shyper's configs; for a system not deployed on Rust-Shyper, `-A "
                        + Severities.RUST_SHYPER + "` leaves " + (one ? "it" : "them") + " out.");
            }
        }
        // as `build` says what it wrote; JSON and SARIF readers get the document alone
        if (!format.isDocument()) {
            for (Path r : reports) out.println("Wrote " + r + ".");
        }
        out.flush();
        return status(ds);
    }

    /** The report files written, or null when one could not be (said on {@code err}). */
    private static List<Path> writeReports(Compilation c, List<Diagnostic> ds, Path reportDir, PrintWriter err) {
        try {
            Files.createDirectories(reportDir);
            List<Path> written = new ArrayList<>();
            for (var e : FindingsReport.render(c, ds).entrySet()) {
                Path file = reportDir.resolve(e.getKey());
                AtomicFile.write(file, e.getValue().getBytes(StandardCharsets.UTF_8));
                written.add(file);
            }
            return written;
        } catch (IOException e) {
            err.println("shyperc: cannot write the report to `" + reportDir + "`: " + IoReasons.of(e) + ".");
            return null;
        }
    }

    /** I/O problems with the named files are "cannot run" (2); other errors are findings (1). */
    static int status(List<Diagnostic> ds) {
        boolean errors = false;
        for (Diagnostic d : ds) {
            if (d.code() == Codes.IO) return Main.USAGE;
            errors |= d.isError();
        }
        return errors ? Main.ERRORS : Main.OK;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static DiagnosticOptions.Format format(String value) {
        for (DiagnosticOptions.Format f : DiagnosticOptions.Format.values()) {
            if (f.name().equals(value)) return f;
        }
        return null;
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Whether a `picocli.*` system property (other than the converters Main excludes) could change how picocli parses. */
    private static boolean picocliTuned() {
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("picocli.") && !key.equals("picocli.converters.excludes")) return true;
        }
        return false;
    }
}
