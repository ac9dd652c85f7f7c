package org.shyperc.cli.cmd;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.shyperc.cli.Main;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** `shyperc explain CODE`: the catalogue entry of one code, or `--list` for all. */
public final class ExplainCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "explain", "Explain a diagnostic code.");
    private final PositionalParamSpec codeArg = Specs.positional(spec, PositionalParamSpec.builder().arity("0..1").paramLabel("CODE")
            .type(String.class).description("A code (SHY0306, or its number: 306) or its name (pa-overlap)."));
    private final OptionSpec listOption = Specs.option(spec, OptionSpec.builder("--list").type(boolean.class).description("List every code."));

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() {
        String code = codeArg.getValue();
        boolean list = Specs.flag(listOption);
        PrintWriter out = spec.commandLine().getOut();
        if (list || code == null) {
            list(out);
            return Main.OK;
        }
        String key = id(code);
        var found = Codes.find(key);
        if (found.isEmpty()) {
            List<String> known = new ArrayList<>();
            Codes.ALL.forEach(c -> { known.add(c.id()); known.add(c.name()); });
            String hint = Names.didYouMean(key.toUpperCase(java.util.Locale.ROOT).startsWith("SHY")
                    ? key.toUpperCase(java.util.Locale.ROOT) : key, known);
            spec.commandLine().getErr().println("shyperc: no diagnostic code `" + code + "`."
                    + (hint == null ? " `shyperc explain --list` lists them." : " " + hint));
            return Main.USAGE;
        }
        Code c = found.get();
        out.println(c.id() + " (" + c.name() + "), " + c.severity().label() + " by default");
        out.println();
        out.println(c.title());
        out.println();
        out.println(c.explanation());
        out.println();
        // Rust-Shyper's limits (SHY09xx) are checks too: `check` reports them, and -W/-E change them
        boolean checked = org.shyperc.compiler.check.Checks.ALL.stream().anyMatch(k -> k.code() == c);
        if (!org.shyperc.dsl.diag.Codes.isForeignFormat(c) || checked) {
            out.println(severityOptions(c));
        } else {
            out.println("Reported by `shyperc import` and `build` when reading or writing other formats.");
        }
        return Main.OK;
    }

    /**
     * What the user may do about the code's severity, as `check` and `build` take it: an error is made a warning with
     * `-W` only where every output can still be built (else `-W` is refused, and this says why instead of offering
     * it); a warning is made an error with `-E` or left out with `-A`.
     */
    static String severityOptions(Code c) {
        if (c.severity() != org.shyperc.dsl.diag.Severity.ERROR) {
            return "Make it an error with `-E " + c.id() + "`, or leave it out of the output with `-A " + c.id() + "`.";
        }
        org.shyperc.compiler.targets.Target refusing = org.shyperc.compiler.check.Severities.refusesWarning(c);
        if (refusing == null) return "Make it a warning with `-W " + c.id() + "`.";
        return "It is always an error: the " + refusing.name() + " cannot be built with what it forbids, so `-W "
                + c.id() + "` is refused.";
    }

    /**
     * The id a bare number stands for (`306` and `0306` are SHY0306); anything else as it is. No
     * code's name is all digits (ExplainCommandTest makes sure), so a number can mean nothing else.
     */
    static String id(String code) {
        String digits = code.trim();
        if (digits.isEmpty()) return code;
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') return code;
        }
        return "SHY" + "0".repeat(Math.max(0, 4 - digits.length())) + digits;
    }

    /** One code a line: id, name, default severity and title, the columns as wide as their longest entry. */
    private static void list(PrintWriter out) {
        int name = 0;
        int severity = 0;
        for (Code c : Codes.ALL) {
            name = Math.max(name, c.name().length());
            severity = Math.max(severity, c.severity().label().length());
        }
        String row = "%s  %-" + name + "s %-" + severity + "s %s%n";
        for (Code c : Codes.ALL) out.printf(row, c.id(), c.name(), c.severity().label(), c.title());
    }
}
