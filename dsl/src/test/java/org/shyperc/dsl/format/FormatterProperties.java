package org.shyperc.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.shyperc.dsl.Gens;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.source.SourceFile;

/** fmt is idempotent, keeps the meaning (the AST apart from spans) and keeps every comment. */
class FormatterProperties {

    static final Gen<String> TEXTS = Gens.fromRandom(RandomShyText::generate);

    @Test
    void formattingTwiceChangesNothing() {
        Gens.qt(400).withShrinkCycles(500).withFixedSeed(20261127L).forAll(TEXTS).checkAssert(text -> {
            String once = format(text);
            assertEquals(once, format(once));
        });
    }

    @Test
    void formattingKeepsTheMeaning() {
        Gens.qt(400).withShrinkCycles(500).withFixedSeed(20261128L).forAll(TEXTS).checkAssert(text -> {
            ShyFile before = parseClean(text);
            ShyFile after = parseClean(format(text));
            assertEquals(AstShape.of(before), AstShape.of(after));
        });
    }

    @Test
    void formattingKeepsEveryComment() {
        Gens.qt(200).withShrinkCycles(500).withFixedSeed(20261129L).forAll(TEXTS)
                .checkAssert(text -> assertEquals(Comments.of(text), Comments.of(format(text))));
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
