package org.shyperc.compiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.dsl.ast.BoardDecl;
import org.shyperc.dsl.ast.Ident;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;

/**
 * Every {@code examples/NAME/system.shy}, and every complete example of docs/language.md,
 * compiles without an error and yields a Plan for each board its systems target. Examples are found on disk, so a new folder is checked without
 * touching this class. Warnings (a guest image not in the repository, a DMA device without an
 * IOMMU) are allowed: they are what `shyperc check` reports for the examples as shipped.
 */
class ExamplesCheckTest {

    static Path root() {
        return Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    }

    static List<Path> examples() throws IOException {
        Path dir = root().resolve("examples");
        try (Stream<Path> folders = Files.list(dir)) {
            return folders.map(f -> f.resolve("system.shy")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void examplesAreFound() throws IOException {
        List<Path> found = examples();
        // qemu-virt is the lead's model example; there is one per board besides.
        assertTrue(found.size() >= 2, () -> "expected the examples under " + root().resolve("examples") + ", found " + found);
        assertTrue(found.contains(root().resolve("examples/qemu-virt/system.shy")), found::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void compilesWithoutErrorsAndYieldsAPlanPerBoard(Path example) {
        Compilation c = Compiler.standard().compile(List.of(example));
        assertNoErrors(c, example);
        assertLinuxAligned(c, example);
        List<SystemDecl> systems = rootFile(c, example).systems();
        assertFalse(systems.isEmpty(), () -> example + " declares no system");
        assertPlanPerBoard(c, systems);
    }

    /**
     * The complete examples of docs/language.md (its ```shy blocks) compile too. Each is
     * compiled as if it were a file in docs/, so its imports are relative to that folder.
     */
    @ParameterizedTest(name = "docs/language.md block {index}")
    @MethodSource("languageDocBlocks")
    void languageDocExamplesCompile(String block) {
        Path at = root().resolve("docs/language-example.shy");
        Compilation c = Compiler.standard().compileSource(new SourceFile("docs/language-example.shy", at, block));
        assertNoErrors(c, at);
        assertLinuxAligned(c, at);
        assertFalse(c.files().isEmpty(), "nothing was read");
        assertPlanPerBoard(c, rootFile(c, at).systems());
    }

    static List<String> languageDocBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : Files.readAllLines(root().resolve("docs/language.md"))) {
            if (cur == null && line.strip().equals("```shy")) {
                cur = new StringBuilder();
            } else if (cur != null && line.strip().equals("```")) {
                blocks.add(cur.toString());
                cur = null;
            } else if (cur != null) {
                cur.append(line).append('\n');
            }
        }
        assertTrue(blocks.size() >= 3, () -> "expected the ```shy examples of docs/language.md, found " + blocks.size());
        return blocks;
    }

    private static void assertNoErrors(Compilation c, Path what) {
        List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertTrue(errors.isEmpty(), () -> what + " has errors:\n" + render(errors));
    }

    /** What users copy loads Linux where its boot protocol asks (no SHY0706), though it is only a warning. */
    private static void assertLinuxAligned(Compilation c, Path what) {
        List<Diagnostic> misaligned = c.diagnostics().stream().filter(d -> d.code() == Codes.KERNEL_MISALIGNED).toList();
        assertTrue(misaligned.isEmpty(), () -> what + " loads Linux off a 2 MiB boundary:\n" + render(misaligned));
    }

    private static void assertPlanPerBoard(Compilation c, List<SystemDecl> systems) {
        for (SystemDecl s : systems) {
            assertFalse(s.boards().isEmpty(), () -> "system `" + s.name().text() + "` targets no board");
            for (Ident board : s.boards()) {
                Compilation.Placed placed = c.instances().stream()
                        .filter(p -> p.instance().system().equals(s.name().text())
                                && p.instance().board().name().equals(board.text()))
                        .findFirst().orElse(null);
                assertNotNull(placed, () -> "no instance of `" + s.name().text() + "` on `" + board.text() + "`");
                assertNotNull(placed.plan(), () -> "`" + s.name().text() + "` on `" + board.text() + "` has no Plan");
                assertTrue(placed.plan().board().name().equals(board.text()),
                        () -> "the Plan of `" + s.name().text() + "` is for board `" + placed.plan().board().name() + "`");
                assertFalse(placed.plan().vms().isEmpty(), () -> "the Plan of `" + s.name().text() + "` has no VM");
            }
        }
    }

    /** Each board of the library is the target of at least one example, so each is exercised. */
    @Test
    void everyBoardHasAnExample() throws IOException {
        Set<String> boards = new TreeSet<>();
        try (Stream<Path> files = Files.list(root().resolve("boards"))) {
            List<Path> boardFiles = files.filter(f -> f.toString().endsWith(".shy")).sorted().toList();
            Compilation c = Compiler.standard().compile(boardFiles);
            List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
            assertTrue(errors.isEmpty(), () -> "the board library has errors:\n" + render(errors));
            for (ShyFile f : c.files()) for (BoardDecl b : f.boards()) boards.add(b.name().text());
        }
        assertFalse(boards.isEmpty(), "no board found under boards/");
        Set<String> targeted = new TreeSet<>();
        for (Path example : examples()) {
            Compilation c = Compiler.standard().compile(List.of(example));
            for (SystemDecl s : rootFile(c, example).systems()) s.boards().forEach(b -> targeted.add(b.text()));
        }
        Set<String> missing = new TreeSet<>(boards);
        missing.removeAll(targeted);
        assertTrue(missing.isEmpty(), () -> "boards without an example: " + missing);
    }

    private static ShyFile rootFile(Compilation c, Path example) {
        Path want = example.toAbsolutePath().normalize();
        for (ShyFile f : c.files()) {
            Path p = f.source().path();
            if (p != null && p.toAbsolutePath().normalize().equals(want)) return f;
        }
        return fail(example + " was not read");
    }

    private static String render(List<Diagnostic> ds) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic d : ds) lines.add("  " + d.span().location() + " " + d.code().id() + " " + d.message());
        return lines.stream().collect(Collectors.joining("\n"));
    }
}
