package org.shyperc.dsl.format;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.shyperc.dsl.parser.ShyLexer;

/** The comments of a text in order, trailing blanks trimmed: what formatting must keep. */
final class Comments {
    private Comments() { }

    static List<String> of(String text) {
        ShyLexer lexer = new ShyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<String> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() == ShyLexer.LINE_COMMENT || t.getType() == ShyLexer.BLOCK_COMMENT) {
                out.add(t.getText().stripTrailing());
            }
        }
        return out;
    }
}
