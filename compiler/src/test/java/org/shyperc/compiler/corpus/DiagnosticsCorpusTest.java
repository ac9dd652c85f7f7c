package org.shyperc.compiler.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Related;

/**
 * The diagnostics corpus: every {@code tests/diagnostics/<area>/<case>.shy} (a file, or on
 * purpose a directory or nothing at all) beside {@code <case>.expected}, one line per diagnostic:
 * {@code CODE severity file:line:col message-start}. An expected message may be cut short; the
 * actual one must start with it. Paths are relative to the repository root. Files and folders
 * whose name starts with `_` are helpers the cases import. Beside them, {@code <case>.full} holds
 * each diagnostic whole (message, related places, hint): where it exists it must match exactly,
 * so a hint computed wrong fails too (PIT showed the cut expectations let those through;
 * docs/decisions.md, "Mutation testing"). {@code SHY_UPDATE=1} rewrites every expectation and
 * every {@code .full} from what the compiler says now.
 */
class DiagnosticsCorpusTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    static final Path CORPUS = ROOT.resolve("tests/diagnostics");
    /** Messages are kept to this length in expectations: the start names the problem, the rest may be reworded. */
    static final int MESSAGE_START = 72;
    static final boolean UPDATE = "1".equals(System.getenv("SHY_UPDATE"));

    static Stream<String> cases() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> all = Files.walk(CORPUS)) {
            all.filter(p -> !p.equals(CORPUS) && noHelperPart(CORPUS.relativize(p)))
                    .forEach(p -> {
                        String rel = CORPUS.relativize(p).toString().replace('\\', '/');
                        if (rel.endsWith(".expected")) names.add(rel.substring(0, rel.length() - ".expected".length()));
                        else if (rel.endsWith(".shy") && !insideCaseFolder(rel)) names.add(rel.substring(0, rel.length() - 4));
                    });
        }
        return names.stream();
    }

    private static boolean noHelperPart(Path rel) {
        for (Path part : rel) if (part.toString().startsWith("_")) return false;
        return true;
    }

    /** Files inside a case that is itself a directory (bad-input/directory.shy/...) are not cases. */
    private static boolean insideCaseFolder(String rel) {
        return rel.substring(0, rel.length() - 4).contains(".shy/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diagnosticsMatchExpectations(String name) throws IOException {
        Path input = CORPUS.resolve(name + ".shy");
        Path expectedFile = CORPUS.resolve(name + ".expected");
        Path fullFile = CORPUS.resolve(name + ".full");
        Compilation compiled = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> compile(input));
        List<String> actual = render(compiled);
        String full = renderFull(compiled);
        if (UPDATE) {
            Files.writeString(expectedFile, actual.isEmpty() ? "" : String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
            Files.writeString(fullFile, full, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(expectedFile)) fail("No " + ROOT.relativize(expectedFile) + "; run with SHY_UPDATE=1 to write it.");
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        assertTrue(!expected.isEmpty(), name + ": a case exists to fail; its expectation must not be empty");
        assertEquals(expected.size(), actual.size(), () -> name + ": expected\n  " + String.join("\n  ", expected)
                + "\nbut got\n  " + String.join("\n  ", actual));
        for (int i = 0; i < expected.size(); i++) {
            String e = expected.get(i);
            String a = actual.get(i);
            assertTrue(a.startsWith(e), name + ": diagnostic " + (i + 1) + "\n  expected " + e + "\n  but got  " + a);
        }
        if (Files.exists(fullFile)) {
            assertEquals(Files.readString(fullFile, StandardCharsets.UTF_8), full,
                    name + ": the whole diagnostics differ from " + ROOT.relativize(fullFile));
        }
    }

    /** At least one failing case per code of the checks (SHY09xx-SHY10xx belong to the importers' and exporters' tests). */
    @Test
    void everyCodeHasAFailingCase() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (String c : cases().toList()) {
            Path f = CORPUS.resolve(c + ".expected");
            if (!Files.exists(f)) continue;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) covered.add(line.substring(0, line.indexOf(' ')));
            }
        }
        Set<String> missing = new TreeSet<>();
        // said only by `build`, which reads the images: tests/cli/build-image-changed.txt
        Set<String> buildOnly = Set.of("SHY0707");
        for (Code c : Codes.ALL) {
            // every code of a check too: an output target's limits of SHY09xx (Rust-Shyper's) are checks
            boolean checked = Checks.ALL.stream().anyMatch(k -> k.code() == c);
            if ((!Codes.isForeignFormat(c) || checked) && !covered.contains(c.id()) && !buildOnly.contains(c.id())) missing.add(c.id());
        }
        assertEquals(Set.of(), missing, "codes without a corpus case");
    }

    static Compilation compile(Path input) {
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compile(List.of(input));
    }

    /**
     * Every diagnostic whole: its line (message uncut), then one line per related place, then its
     * hint. The checkout's own path, which a hint may quote, is written {@code <root>}.
     */
    static String renderFull(Compilation c) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : c.diagnostics()) {
            out.append(d.code().id()).append(' ').append(d.severity().label()).append(' ').append(d.span().location())
                    .append(' ').append(d.message().replace("\n", "\n    ")).append('\n');
            for (Related r : d.related()) {
                out.append("  related ").append(r.span().location()).append(' ').append(r.message()).append('\n');
            }
            if (d.hint() != null) out.append("  hint: ").append(d.hint().replace("\n", "\n    ")).append('\n');
        }
        return out.toString().replace(ROOT.toString(), "<root>");
    }

    static List<String> render(Compilation c) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : c.diagnostics()) {
            String msg = d.message().replace('\n', ' ');
            if (msg.length() > MESSAGE_START) msg = msg.substring(0, MESSAGE_START);
            out.add(d.code().id() + " " + d.severity().label() + " " + d.span().location() + " " + msg);
        }
        return out;
    }
}
