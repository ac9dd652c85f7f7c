package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;

/** A block comment closed at the very end of a file once lexed as an unterminated one. */
class CommentLexingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/* closed */|",
        "/***/|",
        "/* * / */|",
        "/* x **/|",
        "board b { } /* trailing */|",
        "/* open|SHY0102",
        "/* open *|SHY0102",
        "/* a */ board b { } /* open|SHY0102",
    })
    void closedCommentsAreCommentsAndOpenOnesAreReported(String text, String code) {
        List<Diagnostic> ds = DslParser.parse(SourceFile.of("c.shy", text)).diagnostics();
        assertEquals(code == null ? List.of() : List.of(code), ds.stream().map(d -> d.code().id()).toList());
    }
}
