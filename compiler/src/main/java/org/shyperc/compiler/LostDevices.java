package org.shyperc.compiler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;

/**
 * Devices whose `device NAME …` line the parser could not read whole (`device uart0 @ …` without its compatible string, a
 * missing `size`): the AST has no such device, so the hypervisor's `console uart0` and a VM's `passthrough uart0` named
 * "no device" of the board, a second error for the one slip, whose own message says what to fix.
 */
final class LostDevices {
    /** `device` first on its line, then the name (any run of a name's characters, keywords too). */
    private static final Pattern DECLARATION = Pattern.compile("^[ \\t]*device[ \\t]+([A-Za-z_][A-Za-z0-9_-]*)");

    /** Lost names by the file whose board lost them. */
    private final Map<SourceFile, Set<String>> names = new HashMap<>();

    /**
     * From the syntax errors: the line each is on names a lost device, and so does the line before one that starts its
     * line (a `device` line ending early is reported at the next line's first word).
     */
    LostDevices(List<Diagnostic> early, Set<org.shyperc.dsl.diag.Code> lossy) {
        for (Diagnostic d : early) {
            if (!d.isError() || !lossy.contains(d.code())) continue;
            SourceFile file = d.span().file();
            String text = file.text();
            int at = Math.min(d.span().start(), text.length());
            int line = SourceFile.lineStart(text, at);
            add(file, text, line);
            if (text.substring(line, at).isBlank() && line > 0) add(file, text, SourceFile.lineStart(text, line - 1));
        }
    }

    private void add(SourceFile file, String text, int lineStart) {
        int end = text.indexOf('\n', lineStart);
        Matcher m = DECLARATION.matcher(text.substring(lineStart, end < 0 ? text.length() : end));
        if (m.find()) names.computeIfAbsent(file, f -> new HashSet<>()).add(m.group(1));
    }

    /**
     * Whether `d` says a board has no device (a VM's passthrough of it, the hypervisor's console) of a name that board's
     * file lost to a syntax error.
     */
    boolean followOn(Diagnostic d) {
        if (d.code() != Codes.UNKNOWN_NAME || !(d.message().contains("has no device `") || d.message().contains("is not a device of"))) {
            return false;
        }
        SourceFile board = d.span().file();
        for (org.shyperc.dsl.diag.Related r : d.related()) if (r.message().equals("the board is declared here")) board = r.span().file();
        Set<String> lost = names.get(board);
        return lost != null && lost.contains(d.span().text());
    }
}
