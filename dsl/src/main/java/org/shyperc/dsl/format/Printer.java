package org.shyperc.dsl.format;

import java.util.List;
import org.antlr.v4.runtime.Token;
import org.shyperc.dsl.parser.ShyLexer;
import org.shyperc.dsl.source.SourceFile;

/**
 * Prints every token, comments included, on the skeleton {@link LineBreaks} chose: four
 * spaces per depth, one space between tokens, at most one blank line kept from the source,
 * none after `{`. A comment after code stays on that line; a comment on a line of its own
 * stays on a line of its own, indented like the code that follows it.
 */
final class Printer {
    private static final String INDENT = "    ";

    private final List<Token> tokens;
    private final LineBreaks breaks;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private int lineDepth;
    private int lastType = -1;        // type of the last token on the open line, -1 if none
    private boolean blankAllowed;     // false at the start of the file and of a block
    private int newlines;             // newlines in the source since the last printed token

    Printer(List<Token> tokens, LineBreaks breaks) {
        this.tokens = tokens;
        this.breaks = breaks;
    }

    String print() {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            switch (t.getType()) {
                case Token.EOF -> { }
                case ShyLexer.WS -> newlines += lineBreaks(t.getText());
                case ShyLexer.LINE_COMMENT, ShyLexer.BLOCK_COMMENT -> comment(t, i);
                default -> { if (!breaks.dropped.contains(t.getTokenIndex())) code(t); }
            }
        }
        closeLine();
        return out.toString();
    }

    private void code(Token t) {
        Integer depth = breaks.lineStarts.get(t.getTokenIndex());
        boolean emptyBlock = t.getType() == ShyLexer.RBRACE && lastType == ShyLexer.LBRACE;
        if (emptyBlock) {
            line.append('}');
        } else if (depth != null || lastType == -1) {
            closeLine();
            if (newlines >= 2 && blankAllowed && t.getType() != ShyLexer.RBRACE) out.append('\n');
            lineDepth = depth != null ? depth : lineDepth + 1; // a line broken by a comment continues deeper
            line.append(INDENT.repeat(lineDepth)).append(t.getText());
        } else {
            if (spaced(lastType, t.getType())) line.append(' ');
            line.append(t.getText());
        }
        lastType = t.getType();
        blankAllowed = t.getType() != ShyLexer.LBRACE;
        newlines = 0;
    }

    private void comment(Token t, int index) {
        String text = t.getType() == ShyLexer.LINE_COMMENT ? t.getText().stripTrailing() : t.getText();
        if (newlines == 0 && lastType != -1) {
            line.append(' ').append(text);
            if (t.getType() == ShyLexer.LINE_COMMENT) closeLine();
        } else {
            closeLine();
            if (newlines >= 2 && blankAllowed) out.append('\n');
            out.append(INDENT.repeat(commentDepth(index))).append(text).append('\n');
            blankAllowed = true;
        }
        newlines = 0;
    }

    /** A comment on its own line is indented like the next line of code (inside a block before its `}`). */
    private int commentDepth(int index) {
        for (int j = index + 1; j < tokens.size(); j++) {
            Token n = tokens.get(j);
            if (n.getChannel() != Token.DEFAULT_CHANNEL || breaks.dropped.contains(n.getTokenIndex())) continue;
            if (n.getType() == Token.EOF) return 0;
            Integer depth = breaks.lineStarts.get(n.getTokenIndex());
            if (depth == null) return lineDepth + 1;
            return n.getType() == ShyLexer.RBRACE ? depth + 1 : depth;
        }
        return 0;
    }

    private void closeLine() {
        if (line.length() > 0) out.append(line).append('\n');
        line.setLength(0);
        lastType = -1;
    }

    private static boolean spaced(int before, int after) {
        if (before == ShyLexer.LBRACK || before == ShyLexer.DOTDOT) return false;
        return after != ShyLexer.COMMA && after != ShyLexer.RBRACK && after != ShyLexer.SEMI
                && after != ShyLexer.DOTDOT;
    }

    /** `\n`, `\r\n` and a `\r` alone (old Mac files), as SourceFile counts lines. */
    private static int lineBreaks(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (SourceFile.endsLine(s, i)) n++;
        return n;
    }
}
