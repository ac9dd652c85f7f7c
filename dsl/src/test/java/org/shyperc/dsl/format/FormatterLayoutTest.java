package org.shyperc.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.source.SourceFile;

/** The canonical layout, case by case. */
class FormatterLayoutTest {

    private static String fmt(String text) {
        return Formatter.format(SourceFile.of("t.shy", text)).value();
    }

    @Test
    void oneStatementPerLineFourSpacesNoSemicolons() {
        assertEquals("""
                board b {
                    hypervisor {
                        reserve @ 0x4000_0000 size 32 MiB
                        console uart0
                    }
                }
                """, fmt("board b { hypervisor { reserve @ 0x4000_0000 size 32MiB; console uart0 } }"));
    }

    @Test
    void aCrlfFileKeepsItsLineEnds() {
        String lf = fmt("board b {\n  arch aarch64\n  /* two\n  lines */\n}\n");
        String crlf = fmt("board b {\r\n  arch aarch64\r\n  /* two\r\n  lines */\r\n}\r\n");
        assertEquals(lf.replace("\n", "\r\n"), crlf);
        assertEquals(crlf, fmt(crlf)); // canonical already: unchanged, as fmt --check needs
        assertEquals(lf, fmt(lf));
    }

    /** Old Mac line ends (a carriage return alone): kept, and a blank line between blocks is still one. */
    @Test
    void aFileOfCarriageReturnsKeepsThemAndItsBlankLines() {
        String lf = fmt("import board \"b\"\n\n\nboard c {\n  arch aarch64\n  // a comment\n}\n");
        String cr = fmt("import board \"b\"\r\r\rboard c {\r  arch aarch64\r  // a comment\r}\r");
        assertEquals(lf.replace("\n", "\r"), cr);
        assertEquals(cr, fmt(cr));
        assertTrue(lf.contains("\"b\"\n\nboard"), lf);
    }

    @Test
    void listsAndRangesAreTight() {
        assertEquals("""
                board b {
                    timer irq [1, 2..4, [5]]
                }
                """, fmt("board b {\n  timer irq [ 1 ,2 .. 4,[5],]\n}"));
    }

    @Test
    void commentsStayWhereTheyWereAndBlankLinesCollapse() {
        assertEquals("""
                // head

                system s for b {
                    vm a : linux { // trailing
                        // own line
                        cpus [0]

                        kernel "k" @ 0x0
                        // before the brace
                    }
                    vm e {}
                }
                """, fmt("// head\n\n\n\nsystem s for b {\n\nvm a : linux { // trailing   \n"
                + "// own line\ncpus [0]\n\n\n  kernel \"k\" @ 0x0\n// before the brace\n\n}\n vm e { } }"));
    }

    @Test
    void aSemicolonTheParserNeedsIsKept() {
        // Without the `;` the parser would read `dma` as the property's value.
        String text = "board b {\n    device d \"c\" @ 0x0 size 4 KiB {\n        property \"flag\";\n        dma\n    }\n}\n";
        assertEquals(text, fmt(text));
    }

    @Test
    void aLineCommentInsideAStatementContinuesItOnTheNextLine() {
        assertEquals("""
                system s for b {
                    vm a {
                        memory @ 0x0 // ipa
                            size 4 KiB
                    }
                }
                """, fmt("system s for b { vm a { memory @ 0x0 // ipa\n size 4 KiB } }"));
    }

    @Test
    void blockCommentsStayInlineOrOnTheirOwnLinesVerbatim() {
        assertEquals("""
                board b {
                    /* two
                   lines */
                    arch /* inline */ aarch64
                }
                """, fmt("board b {\n/* two\n   lines */\n arch   /* inline */aarch64 }"));
    }

    @Test
    void textWithSyntaxErrorsIsNotFormatted() {
        Result<String> r = Formatter.format(SourceFile.of("t.shy", "board b { arch }"));
        assertNull(r.value());
        assertEquals(Codes.SYNTAX, r.diagnostics().get(0).code());
    }
}
