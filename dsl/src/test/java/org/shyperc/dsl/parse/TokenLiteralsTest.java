package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.shyperc.dsl.parser.ShyLexer;

/** The literals written out in TokenLiterals are the lexer's own, type for type. */
class TokenLiteralsTest {

    @Test
    void theTableSaysWhatTheLexersVocabularySays() {
        String[] fromLexer = TokenLiterals.fromVocabulary(ShyLexer.VOCABULARY);
        assertEquals(fromLexer.length, TokenLiterals.BY_TYPE.length,
                "TokenLiterals.BY_TYPE must end at the lexer's last token type, " + ShyLexer.VOCABULARY.getMaxTokenType());
        for (int t = 1; t < fromLexer.length; t++) {
            assertEquals(fromLexer[t], TokenLiterals.BY_TYPE[t], "token type " + t + " (" + ShyLexer.VOCABULARY.getSymbolicName(t)
                    + "): the grammar's literal differs from TokenLiterals.BY_TYPE's");
        }
        assertEquals("'board'", TokenLiterals.BY_TYPE[ShyLexer.BOARD]);
        assertNull(TokenLiterals.BY_TYPE[ShyLexer.IDENT]);
    }
}
