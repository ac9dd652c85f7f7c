package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.parser.ShyLexer;
import org.shyperc.dsl.source.SourceFile;

/**
 * Unicode's Bidi_Control characters ("Trojan Source") are one SHY0108 each, at the character, in a line comment, a
 * block comment or a string, and nothing else: the comment stays a comment, the statement after it is parsed.
 */
class BidiControlTest {
    private static final String BOARD = "board b {\n    model \"m\"\n}\n";

    @ParameterizedTest
    @ValueSource(chars = {'\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066',
        '\u2067', '\u2068', '\u2069'})
    void eachBidiControlIsOneErrorAtItsPlace(char c) {
        for (String text : List.of("// before " + c + " after\n" + BOARD, "/* a\n b " + c + " */\n" + BOARD,
                "board b {\n    model \"m\" // " + c + "\n}\n")) {
            List<Diagnostic> ds = DslParser.parse(SourceFile.of("b.shy", text)).diagnostics();
            assertEquals(List.of("SHY0108"), ds.stream().map(d -> d.code().id()).toList(), text);
            assertEquals(text.indexOf(c), ds.get(0).span().start(), text);
            assertEquals(text.indexOf(c) + 1, ds.get(0).span().end(), text);
        }
    }

    @Test
    void aStringIsReadWithoutIt() {
        String text = "board b {\n    model \"a\u202eb\"\n}\n";
        var r = DslParser.parse(SourceFile.of("b.shy", text));
        assertEquals(List.of("SHY0108"), r.diagnostics().stream().map(d -> d.code().id()).toList());
        assertEquals(text.indexOf('\u202e'), r.diagnostics().get(0).span().start());
        assertTrue(r.value().toString().contains("ab"), r.value().toString());
    }

    @Test
    void otherTextIsNotOne() {
        // neighbours of the range: the zero-width joiner, the line separator, Arabic, Hebrew
        String text = "// \u200d \u2028 \u0645 \u05d0 \u2065 \u206a \u2029\n" + BOARD;
        assertEquals(List.of(), DslParser.parse(SourceFile.of("b.shy", text)).diagnostics());
    }

    @Test
    void peekingPastACommentDoesNotCountItsControlsTwice() {
        String text = "board /* \u202e */ b";
        Scanner sc = new Scanner(text, "p.shy");
        assertEquals(ShyLexer.BOARD, sc.scan());
        assertEquals(ShyLexer.ERROR_CHAR, sc.peek());
        assertEquals(ShyLexer.ERROR_CHAR, sc.scan());
        assertEquals(text.indexOf('\u202e'), sc.start);
        assertEquals(ShyLexer.IDENT, sc.scan());
        assertEquals(org.antlr.v4.runtime.Token.EOF, sc.scan());
    }
}
