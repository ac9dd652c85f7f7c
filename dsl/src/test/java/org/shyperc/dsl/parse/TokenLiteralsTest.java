package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.parser.ShyLexer;

/** The literals read from ShyLexer.tokens are the lexer's own, type for type. */
class TokenLiteralsTest {

    @Test
    void theTokensFileIsPackagedAndSaysWhatTheLexersVocabularySays() {
        assertNotNull(TokenLiterals.class.getResource("ShyLexer.tokens"), "ShyLexer.tokens is not on the class path");
        String[] fromLexer = TokenLiterals.fromVocabulary(ShyLexer.VOCABULARY);
        assertEquals(ShyLexer.VOCABULARY.getMaxTokenType() + 1, TokenLiterals.BY_TYPE.length);
        assertArrayEquals(fromLexer, TokenLiterals.BY_TYPE);
        assertEquals("'board'", TokenLiterals.BY_TYPE[ShyLexer.BOARD]);
        assertNull(TokenLiterals.BY_TYPE[ShyLexer.IDENT]);
    }

    @Test
    void aFileItCannotReadMakesItFallBack() throws IOException {
        assertNull(TokenLiterals.parse(read("BOARD=two\n")));
        assertNull(TokenLiterals.parse(read("no equals sign\n")));
        assertNull(TokenLiterals.parse(read("")));
        assertNull(TokenLiterals.parse(read("X=0\n")));
        String[] ok = TokenLiterals.parse(read("A=1\nB=3\n'a'=1\n'='=2\n"));
        assertArrayEquals(new String[] {null, "'a'", "'='", null}, ok);
    }

    private static BufferedReader read(String s) {
        return new BufferedReader(new StringReader(s));
    }
}
