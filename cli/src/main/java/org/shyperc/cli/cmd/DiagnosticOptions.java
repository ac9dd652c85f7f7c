package org.shyperc.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shyperc.cli.render.JsonRenderer;
import org.shyperc.cli.render.LineRenderer;
import org.shyperc.cli.render.PrettyRenderer;
import org.shyperc.cli.render.Renderer;
import org.shyperc.dsl.diag.Names;
import org.shyperc.compiler.check.Severities;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Options shared by commands that print diagnostics: format, -W/-E severity tuning and -A. */
public final class DiagnosticOptions {
    public enum Format {
        pretty, line, json, sarif;

        /** Whether standard output is one document (JSON, SARIF) that a line of prose after it would spoil. */
        public boolean isDocument() {
            return this == json || this == sarif;
        }

        /** What prints diagnostics in this format (pretty: in colour on a terminal that has it). */
        public Renderer renderer() {
            return switch (this) {
                case line -> new LineRenderer();
                case json -> new JsonRenderer();
                case sarif -> new org.shyperc.cli.render.SarifRenderer();
                case pretty -> new PrettyRenderer(useColour());
            };
        }

        // here, not in DiagnosticOptions: QuickCheck renders without loading that class (and picocli's with it)
        static boolean useColour() {
            String noColor = System.getenv("NO_COLOR");
            String term = System.getenv("TERM");
            return (noColor == null || noColor.isEmpty()) && !"dumb".equals(term) && Terminal.interactive();
        }
    }

    private final OptionSpec format;
    private final OptionSpec warn;
    private final OptionSpec error;
    private final OptionSpec allow;

    /** Adds --format, -W, -E and -A to {@code spec}. */
    public DiagnosticOptions(CommandSpec spec) {
        format = Specs.option(spec, OptionSpec.builder("--format").paramLabel("FORMAT").type(Format.class).defaultValue("pretty")
                .description("How to print diagnostics: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."));
        warn = Specs.option(spec, OptionSpec.builder("-W").paramLabel("CODE").type(List.class).auxiliaryTypes(String.class)
                .description("Report the check CODE (id, number or name) as a warning."));
        error = Specs.option(spec, OptionSpec.builder("-E").paramLabel("CODE").type(List.class).auxiliaryTypes(String.class)
                .description("Report the check CODE (id, number or name) as an error."));
        allow = Specs.option(spec, OptionSpec.builder("-A").paramLabel("CODE").type(List.class).auxiliaryTypes(String.class)
                .description("Leave out the warning CODE (id, number or name); `-A " + Severities.RUST_SHYPER
                        + "`: every warning about Rust-Shyper's export."));
    }

    /** The --format given, or pretty. */
    public Format format() {
        Format f = format.getValue();
        return f == null ? Format.pretty : f;
    }

    /** The codes given to -E ({@code errors}) or -W, as given. */
    public List<String> given(boolean errors) {
        return List.copyOf(Specs.<String>values(errors ? error : warn));
    }

    /** The codes and groups given to -A, as given. */
    public List<String> allowed() {
        return List.copyOf(Specs.<String>values(allow));
    }

    /**
     * The -W/-E/-A changes as {@link Severities}, which the compiler applies (and `build` to what it
     * finds itself). A ParameterException (exit 2) for an unknown code, for a code that cannot be
     * lowered: one every output target needs (the shyper image's runtime would refuse what it
     * forbids), or, when {@code building}, SHY0701; and for an error given to -A.
     */
    public Severities severities(CommandLine cl, boolean building) {
        Severities s = Severities.NONE;
        try {
            for (String w : Specs.<String>values(warn)) s = s.warn(find(w, cl));
            for (String e : Specs.<String>values(error)) s = s.error(find(e, cl));
            for (String a : Specs.<String>values(allow)) {
                Severities next = s.allow(ExplainCommand.id(a));
                if (next == null) find(a, cl, Severities.RUST_SHYPER); // unknown: throws, with "did you mean"
                s = next;
            }
            if (building) s.forBuild(); // only to refuse -W image-missing before anything runs; build adds it itself
        } catch (Severities.Refused r) {
            throw new CommandLine.ParameterException(cl, r.getMessage());
        }
        return s;
    }

    /** The code {@code key} names; {@code groups}: other names the option takes, offered by "did you mean" too. */
    private static Code find(String key, CommandLine cl, String... groups) {
        // a bare number is the code with that number (`-A 701`), as `shyperc explain 701` takes it
        return Codes.find(ExplainCommand.id(key)).orElseThrow(() -> {
            List<String> known = new ArrayList<>(List.of(groups));
            for (Code c : Codes.ALL) {
                known.add(c.id());
                known.add(c.name());
            }
            String hint = Names.didYouMean(key.toUpperCase(Locale.ROOT).startsWith("SHY") ? key.toUpperCase(Locale.ROOT) : key, known);
            return new CommandLine.ParameterException(cl, "Unknown diagnostic code `" + key + "`."
                    + (hint == null ? " `shyperc explain --list` lists them." : " " + hint));
        });
    }

    public Renderer renderer() {
        return format().renderer();
    }
}
