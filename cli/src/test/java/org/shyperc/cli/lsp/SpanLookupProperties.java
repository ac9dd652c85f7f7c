package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * The lookup by position answers what the walk over the list it replaced answered: the first
 * span added that covers the offset, in that file — with spans that overlap, repeat, nest, are
 * empty or long, over two files.
 */
class SpanLookupProperties {
    private static final SourceFile ONE = SourceFile.of("one.shy", "x".repeat(60));
    private static final SourceFile TWO = SourceFile.of("two.shy", "y".repeat(60));

    private record Added(SourceSpan span, Integer value) { }

    /** The walk: the first added span of the file containing the offset. */
    private static Integer walk(List<Added> spans, SourceFile file, int offset) {
        for (Added a : spans) if (a.span().file() == file && a.span().contains(offset)) return a.value();
        return null;
    }

    /** At least 500 different lists; QuickTheories counts repeats without running them, so a tenth more is asked. */
    @Test
    void everyOffsetOfEitherFileFindsWhatTheWalkFound() {
        QuickTheory.qt().withExamples(500 + 50).withShrinkCycles(1000).withFixedSeed(21)
                .forAll(SourceDSL.lists().of(SourceDSL.integers().between(0, 60 * 60 * 2 - 1)).ofSizeBetween(0, 40),
                        SourceDSL.integers().between(0, 3))
                .checkAssert((codes, longEvery) -> {
                    List<Added> spans = new ArrayList<>();
                    SpanLookup<Integer> lookup = new SpanLookup<>();
                    for (int i = 0; i < codes.size(); i++) {
                        int c = codes.get(i);
                        SourceFile file = c % 2 == 0 ? ONE : TWO;
                        int start = (c / 2) % 60;
                        // mostly names (0-8 long), now and then a long span that reaches far
                        int length = longEvery > 0 && i % (longEvery + 3) == 0 ? (c / 120) % 60 : (c / 120) % 9;
                        int end = Math.min(60, start + length);
                        spans.add(new Added(new SourceSpan(file, start, end), i));
                        lookup.add(file, start, end, i);
                    }
                    lookup.freeze();
                    for (SourceFile file : List.of(ONE, TWO)) {
                        for (int offset = -1; offset <= 61; offset++) {
                            int o = offset;
                            assertEquals(walk(spans, file, o), lookup.at(file, o), () -> spans + " at " + file + ":" + o);
                        }
                    }
                    assertEquals(null, lookup.at(SourceFile.of("one.shy", "x"), 0)); // another source of the same name
                });
    }
}
