package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.shyperc.dsl.Gens;
import org.shyperc.dsl.parser.ShyLexer;

/**
 * The hand-written {@link Scanner} must cut text exactly like the grammar's lexer rules: same
 * token types, same offsets, for every visible and bad token (comments and blanks are skipped by
 * both). Text is kept inside the BMP, where ANTLR's code-point offsets equal UTF-16 ones.
 */
class ScannerMatchesGrammarTest {
    static final String ALPHABET = "abxzKiBGMTdt-_019fF \t\r\n{}[]@;:,.\"\\/*$=#é";
    static final List<String> PIECES = List.of("board", "dt-path", "KiB", "MiB", "0x", "0b", "0x1_f", "0b10", "12_3",
            "\"", "\\\"", "\\n", "\\q", "/*", "*/", "//", "..", "...", "\n", " ", "x-y", "vm", "at", "pa", "0xg", "0b2");

    static final Gen<String> LEXEMES = SourceDSL.lists()
            .of(Generate.oneOf(Gens.stringsOf(ALPHABET, 0, 6), Generate.pick(PIECES))).ofSizeBetween(0, 40)
            .map(l -> String.join("", l));
    static final Gen<String> BMP = Gens.stringsBetween('\u0000', '\ud7ff', 0, 60);

    @Test
    void scannerAndGrammarLexerAgree() {
        Gens.qt(3000).withShrinkCycles(2000).forAll(LEXEMES)
                .checkAssert(text -> assertEquals(grammar(text), scanner(text), text));
    }

    @Test
    void agreeOnAnyBmpText() {
        Gens.qt(500).withShrinkCycles(2000).forAll(BMP)
                .checkAssert(text -> assertEquals(grammar(text), scanner(text), text));
    }

    @Test
    void offsetsCountUtf16UnitsAfterACharacterOutsideTheBmp() {
        List<Token> ts = Scanner.all("// \uD83D\uDE00\nboard");
        assertEquals(ShyLexer.BOARD, ts.get(0).getType());
        assertEquals(6, ts.get(0).getStartIndex());
        assertEquals(2, ts.get(0).getLine());
    }

    static List<String> grammar(String text) {
        ShyLexer lexer = new ShyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<String> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) out.add(describe(t));
            if (t.getType() == Token.EOF) return out;
        }
    }

    static List<String> scanner(String text) {
        return Scanner.all(text).stream().map(ScannerMatchesGrammarTest::describe).toList();
    }

    static String describe(Token t) {
        return ShyLexer.VOCABULARY.getSymbolicName(t.getType()) + "@" + t.getStartIndex() + ".." + t.getStopIndex()
                + ":" + t.getLine() + ":" + t.getCharPositionInLine();
    }
}
