package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.fuzz.Wellformed;
import org.shyperc.dsl.source.SourceFile;

/**
 * The front end's first stage on any bytes: decoding and parsing never throw, every diagnostic
 * and every AST node lies inside its file, and where the fast parser accepts a text ANTLR builds
 * the same AST. Regression inputs: ParserFuzzTestInputs/bytes (replayed by `mvn verify`).
 */
class ParserFuzzTest {

    @DictionaryFile(resourcePath = "/org/shyperc/dsl/fuzz/shy.dict")
    @FuzzTest
    void bytes(byte[] data) {
        Result<SourceFile> decoded = SourceLoader.decode(data, "fuzz.shy", null);
        if (decoded.value() == null) {
            assertEquals(1, decoded.diagnostics().size(), decoded.diagnostics()::toString);
            Diagnostic d = decoded.diagnostics().get(0);
            assertEquals(Codes.NOT_TEXT, d.code());
            Wellformed.diagnostic(d);
            return;
        }
        SourceFile file = decoded.value();
        Result<ShyFile> parsed = DslParser.parse(file);
        assertNotNull(parsed.value(), "the parser always gives an AST, however partial");
        Wellformed.diagnostics(parsed.diagnostics(), file);
        Wellformed.spans(parsed.value(), file);
        if (parsed.diagnostics().stream().noneMatch(d -> d.code() == Codes.SYNTAX || d.code() == Codes.BAD_TOKEN
                || d.code() == Codes.TOO_DEEP)) {
            FastParserMatchesAntlrTest.agree(file);
        }
    }
}
