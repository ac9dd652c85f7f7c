package org.shyperc.cli.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.shyperc.dsl.diag.Diagnostic;

/**
 * Quick fixes from the compiler's own hints: where a misspelt name got "Did you mean `x`?",
 * the fix replaces the name with `x`; where a decimal address grouped like hex got "Did you mean
 * `0x4000_0000`?", the number; where a region's size lacked its unit ("Did you mean `64 MiB`?"), the
 * number with the unit; where a range was written `[0-1]` ("Did you mean `0..1`?"), the range; where text lacks its
 * quotes (or had single ones), the text in double quotes; where a board import's name was misspelt, the name inside
 * its quotes; where a list lacked its brackets, the items in brackets. Nothing is guessed here that the compiler did
 * not say.
 */
final class QuickFixes {
    /** A number as the lexer reads one: decimal, `0x` or `0b`, with `_`. */
    private static final String NUMBER = "[0-9][0-9A-Fa-fxb_]*";
    private static final Pattern DID_YOU_MEAN = Pattern.compile(
            "Did you mean `([A-Za-z_][\\w-]*|0x[0-9A-Fa-f_]+|[0-9][0-9_]* [KMGT]iB|" + NUMBER + "\\.\\." + NUMBER + ")`\\?");
    /** What a fix may replace: a name, a number, or a range written `1-3` (never a wider span a hint happens to sit on). */
    private static final String REPLACEABLE = "[A-Za-z_][\\w-]*|[0-9][0-9_]*|" + NUMBER + " *- *" + NUMBER;
    private static final String NAME = "[A-Za-z_][\\w-]*";
    /** The syntax error's hint for text written without its quotes (SHY0101). */
    private static final Pattern QUOTED = Pattern.compile("Text is written in double quotes(?:, not single ones)?: `(\".*\")`\\.");
    /** A name in quotes, as `import board "qemu-vrit"` is reported (SHY0201): the fix keeps the quotes. */
    private static final String QUOTED_NAME = "\"[A-Za-z_][\\w-]*\"";

    /** The syntax error's hint for a list without its brackets (SHY0101, at the list's first item). */
    private static final Pattern BRACKETED = Pattern.compile("A list is written in brackets: `\\[(.*)\\]`\\.");

    private QuickFixes() { }

    static List<Either<Command, CodeAction>> at(Analysis a, String uri, Range range) {
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        int from = Positions.offset(a.source(), range.getStart());
        int to = Positions.offset(a.source(), range.getEnd());
        for (Diagnostic d : a.compilation().diagnostics()) {
            if (d.span().file() != a.source() || d.hint() == null || d.span().end() < from || d.span().start() > to) continue;
            String text = d.span().text();
            String replacement;
            Matcher list = BRACKETED.matcher(d.hint());
            if (list.matches()) {
                // the hint writes the items as the line has them: the fix puts the brackets around that text
                String items = list.group(1);
                int start = d.span().start();
                if (!a.source().text().startsWith(items, start)) continue; // edited since the check
                out.add(Either.forRight(fix(uri, d, items, "[" + items + "]",
                        Positions.range(a.source(), start, start + items.length()))));
                continue;
            }
            Matcher q = QUOTED.matcher(d.hint());
            Matcher m = DID_YOU_MEAN.matcher(d.hint());
            if (q.matches() && (q.group(1).equals("\"" + text + "\"") || q.group(1).equals(text.replace('\'', '"')))) {
                replacement = q.group(1); // text without its quotes: the error's span is the whole text
            } else if (!m.find()) {
                continue;
            } else if (text.matches(REPLACEABLE)) {
                replacement = m.group(1);
            } else if (text.matches(QUOTED_NAME) && m.group(1).matches(NAME)) {
                replacement = "\"" + m.group(1) + "\""; // a board import's name: the span has its quotes
            } else {
                continue;
            }
            out.add(Either.forRight(fix(uri, d, text, replacement, Positions.range(d.span()))));
        }
        return out;
    }

    private static CodeAction fix(String uri, Diagnostic d, String text, String replacement, Range range) {
        CodeAction fix = new CodeAction("Replace `" + text + "` with `" + replacement + "`");
        fix.setKind(CodeActionKind.QuickFix);
        fix.setDiagnostics(List.of(Diagnostics.convert(d)));
        fix.setIsPreferred(true);
        fix.setEdit(new WorkspaceEdit(Map.of(uri, List.of(new TextEdit(range, replacement)))));
        return fix;
    }
}
