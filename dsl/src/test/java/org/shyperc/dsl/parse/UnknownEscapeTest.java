package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.source.SourceFile;

/** An unknown escape is one SHY0102 at the escape, from both parsers, and the string still ends at its quote. */
class UnknownEscapeTest {
    static final String TEXT = "board b {\n    model \"a\\x\" compatible \"c\\\uD83D\uDE00\"\n}\n";

    @Test
    void bothParsersReportEachUnknownEscapeOnceAtTheEscape() {
        SourceFile f = SourceFile.of("e.shy", TEXT);
        Result<ShyFile> fast = FastParserMatchesAntlrTest.fast(f);
        assertNotNull(fast, "the fast parser takes a string with an unknown escape");
        for (Result<ShyFile> r : List.of(fast, DslParser.parseWithAntlr(f))) {
            List<Diagnostic> ds = r.diagnostics().stream().sorted().toList();
            assertEquals(List.of("SHY0102 e.shy:2:13 `\\x`", "SHY0102 e.shy:2:30 `\\\uD83D\uDE00`"),
                    ds.stream().map(UnknownEscapeTest::describe).toList());
        }
    }

    @Test
    void theEscapedCharacterIsKept() {
        SourceFile f = SourceFile.of("e.shy", TEXT);
        String ast = DslParser.parse(f).value().toString();
        assertEquals(true, ast.contains("value=ax"), ast);
    }

    static String describe(Diagnostic d) {
        assertEquals(Codes.BAD_TOKEN, d.code());
        assertEquals(true, d.message().contains("`" + d.span().text() + "`"), d.message());
        return d.code().id() + " " + d.span().location() + " `" + d.span().text() + "`";
    }
}
