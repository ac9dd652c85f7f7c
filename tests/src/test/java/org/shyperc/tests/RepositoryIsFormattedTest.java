package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.format.Formatter;
import org.shyperc.dsl.source.SourceFile;

/** Every board and example is in the canonical layout `shyperc fmt` writes. */
class RepositoryIsFormattedTest {
    static Stream<Path> files() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (String dir : List.of("boards", "examples")) {
            try (Stream<Path> s = Files.walk(Shyperc.ROOT.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".shy")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void isCanonical(Path file) throws IOException {
        String text = Files.readString(file);
        Result<String> formatted = Formatter.format(SourceFile.of(file.toString(), text));
        assertFalse(formatted.hasErrors(), formatted.diagnostics().toString());
        assertEquals(formatted.value(), text, file + " is not formatted: run `./shyperc fmt " + Shyperc.ROOT.relativize(file) + "`");
    }

    /** The README's tour is a system a reader copies: in the layout `shyperc fmt` writes, and checked clean but for its images. */
    @org.junit.jupiter.api.Test
    void theReadmesTourIsCanonicalAndChecks(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String readme = Files.readString(Shyperc.ROOT.resolve("README.md"));
        int tour = readme.indexOf("## A short tour of the language");
        assertTrue(tour >= 0, "README.md has no tour");
        int start = readme.indexOf("```\n", tour) + 4;
        String text = readme.substring(start, readme.indexOf("```", start));
        Result<String> formatted = Formatter.format(SourceFile.of("tour.shy", text));
        assertFalse(formatted.hasErrors(), formatted.diagnostics().toString());
        assertEquals(formatted.value(), text, "README.md's tour is not formatted as `shyperc fmt` writes it");
        Files.writeString(dir.resolve("tour.shy"), text);
        Shyperc.Run check = Shyperc.run(dir, 60, "check", "--format", "line", "-A", "rust-shyper", "tour.shy");
        assertEquals(0, check.exit(), check.output());
        for (String line : check.output().split("\n")) {
            assertTrue(line.isEmpty() || line.contains("[SHY0701]"), "only the missing images may be reported: " + check.output());
        }
    }
}
