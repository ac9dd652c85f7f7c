package org.shyperc.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shyperc.cli.render.JsonRenderer;
import org.shyperc.cli.render.LineRenderer;
import org.shyperc.cli.render.PrettyRenderer;
import org.shyperc.cli.render.Renderer;
import org.shyperc.compiler.bind.Names;
import org.shyperc.compiler.check.Severities;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by commands that print diagnostics: format and -W/-E severity tuning. */
public final class DiagnosticOptions {
    public enum Format { pretty, line, json, sarif }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pretty",
            description = "How to print diagnostics: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public Format format = Format.pretty;

    @Option(names = "-W", paramLabel = "CODE", description = "Report the check CODE (id or name) as a warning.")
    List<String> warn = new ArrayList<>();

    @Option(names = "-E", paramLabel = "CODE", description = "Report the check CODE (id or name) as an error.")
    List<String> error = new ArrayList<>();

    /**
     * The -W/-E changes as {@link Severities}, which the compiler applies (and `build` to what it
     * finds itself). A ParameterException (exit 2) for an unknown code, and for a code that cannot be
     * lowered: one every output target needs (the shyper image's runtime would refuse what it
     * forbids), or, when {@code building}, SHY0701.
     */
    public Severities severities(CommandLine cl, boolean building) {
        Severities s = Severities.NONE;
        try {
            for (String w : warn) s = s.warn(find(w, cl));
            for (String e : error) s = s.error(find(e, cl));
            if (building) s.forBuild(); // only to refuse -W image-missing before anything runs; build adds it itself
        } catch (Severities.Refused r) {
            throw new CommandLine.ParameterException(cl, r.getMessage());
        }
        return s;
    }

    private static Code find(String key, CommandLine cl) {
        return Codes.find(key).orElseThrow(() -> {
            List<String> known = new ArrayList<>();
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
        return switch (format) {
            case line -> new LineRenderer();
            case json -> new JsonRenderer();
            case sarif -> new org.shyperc.cli.render.SarifRenderer();
            case pretty -> new PrettyRenderer(useColour());
        };
    }

    static boolean useColour() {
        String noColor = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        return System.console() != null && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    }
}
