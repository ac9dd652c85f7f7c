package org.shyperc.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.source.SourceFile;

/** Every board and example: formatting keeps its meaning and its comments, and is stable. */
class RepositoryFilesFormatTest {
    static Path root() {
        return Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    }

    static Stream<Path> shyFiles() throws IOException {
        try (Stream<Path> s = Stream.concat(Files.walk(root().resolve("boards")), Files.walk(root().resolve("examples")))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".shy")).sorted().toList();
            assertFalse(files.isEmpty(), "no .shy files under boards/ and examples/");
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shyFiles")
    void formattingKeepsMeaningAndComments(Path file) throws IOException {
        SourceFile source = SourceFile.of(file.toString(), Files.readString(file));
        String once = Formatter.format(source).value();
        assertNotNull(once, file + " did not format");
        assertEquals(AstShape.of(DslParser.parse(source).value()),
                AstShape.of(DslParser.parse(SourceFile.of("f.shy", once)).value()));
        assertEquals(once, Formatter.format(SourceFile.of("f.shy", once)).value(), "second pass changed " + file);
        assertEquals(Comments.of(source.text()), Comments.of(once), "comments lost or changed in " + file);
    }
}
