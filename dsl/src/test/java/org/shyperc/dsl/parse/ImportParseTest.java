package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.ast.Import;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.format.Formatter;
import org.shyperc.dsl.source.SourceFile;

/** `import "file.shy"` and `import board "name"`: both parsers build the same imports, and the formatter keeps them. */
class ImportParseTest {
    static final String TEXT = """
            import "../boards/mine.shy"
            import board "rpi4";
            import board"qemu-virt"
            system s for rpi4 { }
            """;

    private static ShyFile fast(SourceFile f) {
        List<Diagnostic> diags = new ArrayList<>();
        try {
            ShyFile ast = new FastParser(f, diags).file();
            assertEquals(List.of(), diags);
            return ast;
        } catch (FastParser.Bail b) {
            return null;
        }
    }

    @Test
    void bothParsersReadTheKindAndTheTarget() {
        SourceFile f = SourceFile.of("i.shy", TEXT);
        ShyFile fast = fast(f);
        assertNotNull(fast, "the fast parser takes `import board`");
        Result<ShyFile> antlr = DslParser.parseWithAntlr(f);
        assertEquals(List.of(), antlr.diagnostics());
        assertEquals(antlr.value(), fast);
        List<Import> imports = fast.imports();
        assertEquals(List.of(Import.Kind.FILE, Import.Kind.BOARD, Import.Kind.BOARD),
                imports.stream().map(Import::kind).toList());
        assertEquals(List.of("../boards/mine.shy", "rpi4", "qemu-virt"), imports.stream().map(i -> i.target().value()).toList());
        // the target's span is the string, quotes included; the import's span is the whole statement
        assertEquals("\"rpi4\"", imports.get(1).target().span().text());
        assertEquals("import board \"rpi4\";", imports.get(1).span().text());
    }

    @Test
    void boardWithoutAStringIsASyntaxErrorInBoth() {
        SourceFile f = SourceFile.of("i.shy", "import board rpi4\n");
        assertEquals(null, fast(f));
        Result<ShyFile> r = DslParser.parse(f);
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Codes.SYNTAX), r.diagnostics().toString());
        assertEquals(List.of(), r.value().imports());
    }

    @Test
    void aBoardDeclarationAfterAnImportIsNotTakenForABoardImport() {
        SourceFile f = SourceFile.of("i.shy", "import \"x.shy\" board b { arch aarch64 }\n");
        ShyFile fast = fast(f);
        assertNotNull(fast);
        assertEquals(DslParser.parseWithAntlr(f).value(), fast);
        assertEquals(Import.Kind.FILE, fast.imports().get(0).kind());
        assertEquals("b", fast.boards().get(0).name().text());
    }

    @Test
    void theFormatterPrintsOneSpaceBetweenTheWords() {
        assertEquals("""
                import "../boards/mine.shy"
                import board "rpi4"
                import board "qemu-virt"
                system s for rpi4 {}
                """, Formatter.format(SourceFile.of("i.shy", TEXT)).value());
    }
}
