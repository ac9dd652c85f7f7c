package org.shyperc.cli.cmd;

import java.util.List;
import java.util.Map;
import org.shyperc.cli.Version;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes shyperc(1) in roff (the man macros) from picocli's model of the command line, so the
 * page cannot drift from `--help`. No date in the header: the same build gives the same page.
 */
final class ManPage {
    private ManPage() { }

    static String of(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        StringBuilder m = new StringBuilder();
        m.append(".TH SHYPERC 1 \"\" \"shyperc ").append(esc(Version.get())).append("\" \"shyperc manual\"\n");
        m.append(".SH NAME\nshyperc \\- ").append(esc(String.join(" ", spec.usageMessage().description()))).append('\n');
        m.append(".SH SYNOPSIS\n.B shyperc\n\\fICOMMAND\\fR [\\fIOPTION\\fR...] [\\fIFILE\\fR...]\n");
        m.append(".SH COMMANDS\n");
        Map<String, CommandLine> subs = root.getSubcommands();
        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            m.append(".TP\n.B ").append(esc(e.getKey())).append('\n')
                    .append(esc(firstLine(e.getValue().getCommandSpec()))).append('\n');
        }
        m.append(".SH OPTIONS\n");
        options(spec, m);
        for (CommandLine sub : subs.values()) section(sub, m);
        m.append(".SH \"EXIT STATUS\"\n");
        for (String[] s : List.of(new String[] {"0", "Success; warnings do not count."},
                new String[] {"1", "The input has errors, or is not formatted (fmt --check)."},
                new String[] {"2", "Usage or I/O: an unknown option, a missing or unreadable file."},
                new String[] {"3", "An internal error (a bug in shyperc)."})) {
            m.append(".TP\n.B ").append(s[0]).append('\n').append(esc(s[1])).append('\n');
        }
        m.append(".SH \"SEE ALSO\"\nThe shyperc documentation: docs/cli.md, docs/language.md, docs/editors.md.\n");
        return m.toString();
    }

    /** One section per command, nested ones (`import dtb`) after their parent. */
    private static void section(CommandLine cl, StringBuilder m) {
        CommandSpec sub = cl.getCommandSpec();
        String path = sub.qualifiedName(" ");
        m.append(".SH \"").append(esc(path.toUpperCase(java.util.Locale.ROOT))).append("\"\n");
        m.append(".B ").append(esc(path));
        for (OptionSpec o : sub.options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            m.append(" [").append(esc(o.longestName()));
            if (o.arity().max() > 0) m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
            m.append(']');
        }
        if (!cl.getSubcommands().isEmpty()) m.append(" \\fICOMMAND\\fR");
        for (PositionalParamSpec p : sub.positionalParameters()) {
            m.append(" \\fI").append(esc(p.paramLabel())).append("\\fR").append(p.arity().max() > 1 ? "..." : "");
        }
        m.append("\n.PP\n");
        for (String line : sub.usageMessage().description()) m.append(esc(line)).append("\n.PP\n");
        for (PositionalParamSpec p : sub.positionalParameters()) {
            m.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n").append(esc(text(p.description(), p))).append('\n');
        }
        options(sub, m);
        for (CommandLine nested : cl.getSubcommands().values()) section(nested, m);
    }

    private static void options(CommandSpec spec, StringBuilder m) {
        for (OptionSpec o : spec.options()) {
            m.append(".TP\n");
            List<String> names = List.of(o.names());
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) m.append(", ");
                m.append("\\fB").append(esc(names.get(i))).append("\\fR");
            }
            if (o.arity().max() > 0) m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
            m.append('\n').append(esc(text(o.description(), o))).append('\n');
        }
    }

    /** Descriptions with picocli's ${DEFAULT-VALUE} and ${COMPLETION-CANDIDATES} filled in. */
    private static String text(String[] description, CommandLine.Model.ArgSpec arg) {
        String s = String.join(" ", description);
        String def = arg.defaultValueString();
        s = s.replace("${DEFAULT-VALUE}", def == null ? "" : def);
        if (arg.completionCandidates() != null) {
            s = s.replace("${COMPLETION-CANDIDATES}", String.join(", ", arg.completionCandidates()));
        }
        return s;
    }

    private static String firstLine(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        return d.length == 0 ? "" : d[0];
    }

    /** roff escaping: backslashes, hyphens as minus signs, and a leading dot or quote. */
    static String esc(String s) {
        String out = s.replace("%n", " ").replace("\\", "\\e").replace("-", "\\-");
        if (out.startsWith(".") || out.startsWith("'")) out = "\\&" + out;
        return out;
    }
}
