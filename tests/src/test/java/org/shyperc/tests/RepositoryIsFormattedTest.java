package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
