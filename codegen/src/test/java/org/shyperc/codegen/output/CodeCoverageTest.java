package org.shyperc.codegen.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * The diagnostics corpus covers SHY01xx-SHY08xx; the codes of import and export (SHY09xx,
 * SHY10xx) are mostly reported here in codegen, so each must be asserted by a codegen test (named
 * as `Codes.NAME` in a test or appearing as `[SHY....]` in a golden file) or, for the Rust-Shyper
 * limits that `check` reports, by a case of the diagnostics corpus.
 */
class CodeCoverageTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", ".."));
    static final Path TESTS = ROOT.resolve("codegen/src/test");
    static final Path CORPUS = ROOT.resolve("tests/diagnostics");
    /** Ids kept in the catalogue (never reused) that nothing reports any more. */
    static final Set<String> RETIRED = Set.of("SHY0909");

    @Test
    void everyImportAndExportCodeIsAssertedSomewhere() throws IllegalAccessException {
        String text = allText(TESTS);
        String corpus = allText(CORPUS);
        Set<String> missing = new TreeSet<>();
        for (Field f : Codes.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != Code.class) continue;
            Code c = (Code) f.get(null);
            if (c.id().compareTo("SHY0900") < 0 || RETIRED.contains(c.id())) continue;
            if (!text.contains("Codes." + f.getName()) && !text.contains("[" + c.id() + "]")
                    && !corpus.contains(c.id() + " ")) missing.add(c.id());
        }
        assertEquals(Set.of(), missing, "import/export codes no codegen test asserts");
    }

    private static String allText(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".expected"))
                    .filter(p -> !p.getFileName().toString().equals("CodeCoverageTest.java"))
                    .map(CodeCoverageTest::read).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
