package org.shyperc.cli.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;
import org.shyperc.cli.CliRun;

/**
 * Editors send text mid-edit all the time: the test system cut short, or with a piece cut out,
 * at any place. Every request the server answers must answer (possibly with nothing) and never
 * throw, wherever the cursor is.
 */
class MidEditProperties {
    private static Path dir;
    private static String demo;

    @BeforeAll
    static void fixture() throws IOException {
        dir = Files.createTempDirectory("shyperc-midedit");
        Files.copy(CliRun.root().resolve("boards/qemu-virt.shy"), dir.resolve("qemu-virt.shy"));
        try (InputStream in = MidEditProperties.class.getResourceAsStream("/lsp/demo.shy")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * At least 300 different examples: QuickTheories counts a repeat without running it again,
     * so it is asked for a tenth more, and two (as the other modules' {@code Gens.qt} do).
     */
    @Test
    void everyRequestAnswersOnCutText() {
        QuickTheory.qt().withExamples(300 + 30 + 2).withShrinkCycles(1000).withFixedSeed(5)
                .forAll(SourceDSL.integers().between(0, 10_000), SourceDSL.integers().between(0, 200),
                        SourceDSL.integers().between(0, 10_000))
                .checkAssert(MidEditProperties::everyRequestAnswers);
    }

    private static void everyRequestAnswers(int cutFrom, int cutLength, int cursor) {
        int from = cutFrom % (demo.length() + 1);
        String text = demo.substring(0, from) + demo.substring(Math.min(demo.length(), from + cutLength));
        Documents docs = new Documents();
        Path file = dir.resolve("demo.shy");
        docs.put(file, text);
        Analysis a = new Analyzer(dir, docs).analysis(file);
        if (a.root() == null) return;
        int offset = cursor % (text.length() + 1);
        Hovers.at(a, offset);
        Completions.at(a, offset);
        Navigation.definition(a, offset);
        Navigation.references(a, offset);
        Navigation.highlights(a, offset);
        Navigation.rename(a, offset, "renamed");
        Outline.of(a.root());
        Annotations.placedAddresses(a);
        Annotations.folds(a.root());
        Annotations.imports(a);
        Range all = Positions.whole(a.source());
        QuickFixes.at(a, file.toUri().toString(), all);
        Diagnostics.of(file.toUri().toString(), a);
    }
}
