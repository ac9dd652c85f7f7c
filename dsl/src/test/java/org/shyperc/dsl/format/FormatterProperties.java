package org.shyperc.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.source.SourceFile;

/** fmt is idempotent, keeps the meaning (the AST apart from spans) and keeps every comment. */
class FormatterProperties {

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.longs().map(RandomShyText::generate);
    }

    @Property(tries = 400, seed = "20261127")
    void formattingTwiceChangesNothing(@ForAll("texts") String text) {
        String once = format(text);
        assertEquals(once, format(once));
    }

    @Property(tries = 400, seed = "20261128")
    void formattingKeepsTheMeaning(@ForAll("texts") String text) {
        ShyFile before = parseClean(text);
        ShyFile after = parseClean(format(text));
        assertEquals(AstShape.of(before), AstShape.of(after));
    }

    @Property(tries = 200, seed = "20261129")
    void formattingKeepsEveryComment(@ForAll("texts") String text) {
        assertEquals(Comments.of(text), Comments.of(format(text)));
    }

    private static String format(String text) {
        Result<String> r = Formatter.format(SourceFile.of("gen.shy", text));
        assertEquals(List.of(), r.diagnostics(), () -> "generated text did not format:\n" + text);
        return r.value();
    }

    private static ShyFile parseClean(String text) {
        Result<ShyFile> r = DslParser.parse(SourceFile.of("gen.shy", text));
        List<Diagnostic> syntax = r.diagnostics().stream().filter(d -> d.code().id().startsWith("SHY010")
                && !d.code().name().equals("int-overflow")).toList();
        assertEquals(List.of(), syntax, () -> "does not parse:\n" + text);
        return r.value();
    }
}
