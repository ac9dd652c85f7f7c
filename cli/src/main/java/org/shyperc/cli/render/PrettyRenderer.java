package org.shyperc.cli.render;

import java.io.PrintWriter;
import java.util.List;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Related;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.dsl.source.SourceSpan;

/** The source line with carets under the span, related places, and the hint; colour optional. */
public final class PrettyRenderer implements Renderer {
    private final boolean colour;

    public PrettyRenderer(boolean colour) { this.colour = colour; }

    @Override
    public void render(List<Diagnostic> diagnostics, PrintWriter out) {
        for (Diagnostic d : diagnostics) {
            out.println(paint(d.severity() == Severity.ERROR ? "1;31" : d.severity() == Severity.WARNING ? "1;33" : "1;36",
                    d.severity().label() + "[" + d.code().id() + "]") + paint("1", ": " + Visible.text(d.message())));
            out.println("  " + paint("34", "-->") + " " + Visible.text(d.span().location()));
            snippet(d.span(), '^', null, out);
            for (Related r : d.related()) {
                out.println("  " + paint("34", "-->") + " " + Visible.text(r.span().location()));
                snippet(r.span(), '-', Visible.text(r.message()), out);
            }
            if (d.hint() != null) out.println("  " + paint("1;32", "help") + ": " + Visible.text(d.hint()));
            out.println();
        }
    }

    /** The most of a source line a snippet shows; a longer one is shown around the span, cut with `…`. */
    static final int WIDTH = 160;

    private void snippet(SourceSpan span, char mark, String label, PrintWriter out) {
        if (span.file().text().isEmpty()) return;
        int line = span.line();
        int length = span.file().lineLength(line);
        int col = span.column() - 1;
        int endCol = span.endLine() == line ? span.endColumn() - 1 : length;
        String text;
        if (length > WIDTH) {
            // a minified or generated file's one line, or a string never closed, was printed whole (megabytes) with a
            // caret line as long: show WIDTH columns from a little before the span, cut before it is cleaned (each of
            // thousands of diagnostics on that line cleaned all of it)
            int from = Math.max(0, Math.min(col - WIDTH / 4, length - WIDTH));
            int to = from + WIDTH;
            String head = from > 0 ? "…" : "";
            text = head + Visible.line(span.file().lineText(line, from, to).replace('\t', ' ')) + (to < length ? "…" : "");
            col = col - from + head.length();
            endCol = Math.min(endCol, to) - from + head.length();
        } else {
            text = Visible.line(span.file().lineText(line).replace('\t', ' '));
        }
        String num = String.valueOf(line);
        String pad = " ".repeat(num.length());
        out.println(pad + " " + paint("34", "|"));
        out.println(paint("34", num + " |") + " " + text);
        int width = Math.max(1, Math.min(endCol, text.length()) - col);
        String marks = " ".repeat(Math.max(0, col)) + String.valueOf(mark).repeat(width);
        out.println(pad + " " + paint("34", "|") + " " + paint(mark == '^' ? "1;31" : "34", marks)
                + (label == null ? "" : " " + paint("34", label)));
    }

    private String paint(String sgr, String s) {
        return colour ? "\u001b[" + sgr + "m" + s + "\u001b[0m" : s;
    }
}
