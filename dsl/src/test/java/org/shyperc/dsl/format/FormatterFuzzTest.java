package org.shyperc.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Set;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.fuzz.Wellformed;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;

/**
 * `shyperc fmt` on any text: it never throws; it refuses only with syntax-level diagnostics;
 * what it writes re-parses to the same AST, keeps every comment, and formatting it again
 * changes nothing. Regression inputs: FormatterFuzzTestInputs/bytes.
 */
class FormatterFuzzTest {
    private static final Set<Code> REFUSALS = Set.of(Codes.SYNTAX, Codes.BAD_TOKEN, Codes.TOO_DEEP, Codes.NOT_TEXT);

    @DictionaryFile(resourcePath = "/org/shyperc/dsl/fuzz/shy.dict")
    @FuzzTest
    void bytes(byte[] data) {
        SourceFile file = SourceLoader.decode(data, "fuzz.shy", null).value();
        if (file == null) return; // not UTF-8: the parser's fuzz test covers the refusal
        Result<String> r = Formatter.format(file);
        if (r.value() == null) {
            assertFalse(r.diagnostics().isEmpty(), "refused without saying why");
            for (Diagnostic d : r.diagnostics()) {
                assertTrue(REFUSALS.contains(d.code()), () -> "refused for a non-syntax reason: " + d);
                Wellformed.diagnostic(d);
            }
            return;
        }
        assertEquals(List.of(), r.diagnostics());
        String once = r.value();
        Result<ShyFile> before = DslParser.parse(file);
        Result<ShyFile> after = DslParser.parse(SourceFile.of("fuzz.shy", once));
        assertTrue(after.diagnostics().stream().noneMatch(d -> REFUSALS.contains(d.code())),
                () -> "fmt wrote text that does not parse: " + after.diagnostics() + "\n" + once);
        assertEquals(AstShape.of(before.value()), AstShape.of(after.value()), () -> "fmt changed the meaning:\n" + once);
        assertEquals(Comments.of(file.text()), Comments.of(once), () -> "fmt lost or changed a comment:\n" + once);
        Result<String> twice = Formatter.format(SourceFile.of("fuzz.shy", once));
        assertNotNull(twice.value(), () -> "fmt refused its own output: " + twice.diagnostics());
        assertEquals(once, twice.value(), "formatting twice changed the text");
    }
}
