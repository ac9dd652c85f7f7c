package org.shyperc.compiler.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;

/**
 * `import board "NAME"` on the board path, and files known by their real path: a board reached
 * through a symlink, a detour or by name and by path is read once, never "declared twice".
 */
class BoardImportTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static final String BOARD = """
            board tiny {
                arch aarch64
                cpus 2 "arm,cortex-a53"
                memory dram @ 0x4000_0000 size 1 GiB
                gic v2 {
                    distributor           @ 0x0800_0000 size 64 KiB
                    cpu-interface         @ 0x0801_0000 size 64 KiB
                    hyp-interface         @ 0x0803_0000 size 64 KiB
                    virtual-cpu-interface @ 0x0804_0000 size 64 KiB
                }
                device uart0 "arm,pl011" @ 0x0900_0000 size 4 KiB irq 33
                hypervisor { reserve @ 0x4000_0000 size 32 MiB; console uart0 }
            }
            """;

    static String system(String board, String... imports) {
        StringBuilder s = new StringBuilder();
        for (String i : imports) s.append(i).append('\n');
        return s + "system s for " + board + " {\n    vm a : baremetal management { cpus [0]; memory @ 0x0 size 16 MiB; kernel \"a.bin\" @ 0x0 }\n}\n";
    }

    static Compilation compile(Path dir, BoardPath boards, Path root) {
        return new Compiler(dir, Loader.Sources.DISK, Checks.ALL).withBoardPath(boards).compile(List.of(root));
    }

    /** Everything but "the kernel image is missing", which these systems do not care about. */
    static List<Diagnostic> problems(Compilation c) {
        return c.diagnostics().stream().filter(d -> d.code() != Codes.IMAGE_MISSING).toList();
    }

    @Test
    void aBoardThroughASymlinkAndThroughADetourIsOneFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/tiny.shy"), BOARD);
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("lib"));
        Files.createSymbolicLink(dir.resolve("tiny-alias.shy"), dir.resolve("lib/tiny.shy"));
        Path sys = Files.writeString(dir.resolve("system.shy"), system("tiny",
                "import \"lib/tiny.shy\"", "import \"link/tiny.shy\"", "import \"tiny-alias.shy\"",
                "import \"link/../lib/tiny.shy\""));
        Compilation c = compile(dir, BoardPath.of(List.of(), null), sys);
        assertEquals(List.of(), problems(c));
        assertEquals(2, c.files().size(), "the system and one board file");
        // messages name the file as it was first reached
        assertEquals("lib/tiny.shy", c.files().get(0).source().displayPath());
    }

    @Test
    void aBoardOnTheBoardPathByNameAndByPathIsOneFile(@TempDir Path dir) throws IOException {
        Path mine = Files.createDirectories(dir.resolve("my-boards"));
        Files.writeString(mine.resolve("tiny.shy"), BOARD);
        Files.createSymbolicLink(dir.resolve("linked-boards"), mine);
        Path sys = Files.writeString(dir.resolve("system.shy"), system("tiny",
                "import board \"tiny\"", "import \"my-boards/tiny.shy\""));
        assertEquals(List.of(), problems(compile(dir, BoardPath.of(List.of(dir.resolve("linked-boards")), null), sys)));
    }

    @Test
    void aLibraryBoardByNameAndByItsPathInTheCheckoutIsOneFile(@TempDir Path dir) throws IOException {
        Path sys = Files.writeString(dir.resolve("system.shy"), system("qemu-virt",
                "import board \"qemu-virt\"", "import \"" + ROOT.resolve("boards/qemu-virt.shy") + "\""));
        Compilation c = compile(dir, BoardPath.bundled(), sys);
        assertEquals(List.of(), problems(c));
        assertEquals(ROOT.resolve("boards").toRealPath(), BoardPath.bundled().libraryFolder().toRealPath(),
                "tests run from a checkout: its boards/ is the library");
    }

    @Test
    void theFirstFolderOnThePathWinsThenTheEnvironmentThenTheLibrary(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Path c = Files.createDirectories(dir.resolve("c"));
        Files.writeString(a.resolve("tiny.shy"), BOARD);
        Files.writeString(b.resolve("tiny.shy"), BOARD.replace("tiny", "other"));
        Files.writeString(c.resolve("qemu-virt.shy"), BOARD.replace("tiny", "shadow"));
        BoardPath path = BoardPath.of(List.of(a), b + java.io.File.pathSeparator + java.io.File.pathSeparator + c);
        assertEquals(List.of(a, b, c, BoardPath.bundled().libraryFolder()), path.searched());
        assertEquals(a.resolve("tiny.shy"), path.find("tiny"));
        assertEquals(c.resolve("qemu-virt.shy"), path.find("qemu-virt"), "a folder of one's own stands in for a library board");
        assertEquals(BoardPath.bundled().libraryFolder().resolve("rpi4.shy"), path.find("rpi4"));
        assertTrue(path.names().containsAll(List.of("tiny", "qemu-virt", "rpi4", "jetson-tx2")), path.names().toString());
        assertEquals(null, path.find("../a/tiny"));
        assertEquals(null, path.find("nope"));
    }

    @Test
    void anUnknownBoardOffersTheClosestNameAndListsTheLibrary(@TempDir Path dir) throws IOException {
        Path sys = Files.writeString(dir.resolve("system.shy"), system("rpi4", "import board \"rpi5\""));
        List<Diagnostic> ds = problems(compile(dir, BoardPath.bundled(), sys)).stream()
                .filter(d -> d.code() == Codes.IMPORT_NOT_FOUND).toList();
        assertEquals(1, ds.size(), ds.toString());
        Diagnostic d = ds.get(0);
        assertEquals("\"rpi5\"", d.span().text());
        assertEquals("There is no board `rpi5` on the board path.", d.message());
        assertTrue(d.hint().startsWith("Did you mean `rpi4`? Boards on the board path: `jetson-tx2`, "), d.hint());
        assertTrue(d.hint().contains("`qemu-virt`, `qemu-virt-gicv3`") && d.hint().contains("--board-path"), d.hint());

        Path far = Files.writeString(dir.resolve("far.shy"), system("x", "import board \"zzzzzzzz\""));
        Diagnostic none = problems(compile(dir, BoardPath.bundled(), far)).get(0);
        assertTrue(none.hint().startsWith("Boards on the board path: "), none.hint());
    }

    /** Installed without a checkout, the library is read from inside the jar and named `<boards>/NAME.shy`. */
    @Test
    void aLibraryInsideAJarIsReadAndNamedByItsLibraryPath(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("shyperc.jar");
        try (OutputStream os = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(os);
             Stream<Path> boards = Files.list(ROOT.resolve("boards"))) {
            for (Path b : boards.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(BoardPath.RESOURCE + "/" + b.getFileName()));
                zip.write(Files.readAllBytes(b));
                zip.closeEntry();
            }
        }
        try (FileSystem fs = FileSystems.newFileSystem(jar, (ClassLoader) null)) {
            BoardPath path = BoardPath.withLibrary(List.of(), fs.getPath("/" + BoardPath.RESOURCE), false);
            assertTrue(path.names().containsAll(List.of("qemu-virt", "rpi4")), path.names().toString());
            Path sys = Files.writeString(dir.resolve("system.shy"), system("qemu-virt", "import board \"qemu-virt\"",
                    "import board \"qemu-virt\""));
            Compilation c = compile(dir, path, sys);
            assertEquals(List.of(), problems(c));
            assertEquals("<boards>/qemu-virt.shy", c.files().get(0).source().displayPath());
            assertNotNull(c.instances().get(0).plan());

            // The checkout's copy is another file here: both declare `qemu-virt`, and the message says where.
            Path both = Files.writeString(dir.resolve("both.shy"), system("qemu-virt", "import board \"qemu-virt\"",
                    "import \"" + ROOT.resolve("boards/qemu-virt.shy") + "\""));
            List<Diagnostic> dup = problems(compile(dir, path, both));
            assertEquals(List.of(Codes.DUPLICATE), dup.stream().map(Diagnostic::code).distinct().toList(), dup.toString());
            assertTrue(dup.get(0).related().stream().anyMatch(r -> r.span().file().displayPath().equals("<boards>/qemu-virt.shy"))
                    || dup.get(0).span().file().displayPath().equals("<boards>/qemu-virt.shy"), dup.toString());
        }
    }

    @Test
    void theLibraryIsFoundAsFilesBesideTheClassesToo() throws Exception {
        Path classes = Path.of(BoardPath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path copied = classes.resolve(BoardPath.RESOURCE);
        assertTrue(Files.isRegularFile(copied.resolve("rpi4.shy")), "the build copies boards/ into the classes");
        BoardPath path = BoardPath.withLibrary(List.of(), copied, false);
        assertEquals("<boards>/rpi4.shy", path.display(path.find("rpi4")));
        assertFalse(path.isBundled(ROOT.resolve("boards/rpi4.shy")));
        assertEquals(Files.readString(ROOT.resolve("boards/rpi4.shy")), Files.readString(path.find("rpi4")));
    }

    @Test
    void theCodeLocationComesFromTheClassFileWhateverLoadedIt(@TempDir Path dir) throws Exception {
        // as the JVM names a class in a jar on the boot class path, where there is no code source to ask
        Path jar = dir.resolve("a b%c").resolve("shyperc.jar");
        URL inJar = URI.create("jar:" + jar.toUri() + "!/org/shyperc/compiler/bind/BoardPath.class").toURL();
        assertEquals(jar, BoardPath.codeLocation(inJar, BoardPath.class.getName()));
        Path classes = dir.resolve("target").resolve("classes");
        URL inFolder = classes.resolve("org/shyperc/compiler/bind/BoardPath.class").toUri().toURL();
        assertEquals(classes, BoardPath.codeLocation(inFolder, BoardPath.class.getName()));
        // this test's own classes: the same place as their code source says
        assertEquals(Path.of(BoardPath.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                BoardPath.codeLocation(BoardPath.class.getResource("BoardPath.class"), BoardPath.class.getName()));
        assertNull(BoardPath.codeLocation(URI.create("http://example.com/BoardPath.class").toURL(), "BoardPath"));
        assertNull(BoardPath.codeLocation(null, "BoardPath"));
    }

    @Test
    void aBoardNameIsWhatTheDocumentedPatternMatches() {
        java.util.regex.Pattern name = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
        String alphabet = "aZ09_.+-/\\ :é\u0000";
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(5); n > 0; n--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            assertEquals(name.matcher(b).matches(), BoardPath.isName(b.toString()), "'" + b + "'");
        }
    }

    @Test
    void theEnvironmentsFoldersAreSplitAtTheSeparatorEmptyOnesSkipped(@TempDir Path dir) {
        String sep = java.io.File.pathSeparator;
        List<Path> searched = BoardPath.of(List.of(), sep + dir.resolve("a") + sep + sep + " " + sep + dir.resolve("b") + sep).searched();
        assertEquals(List.of(dir.resolve("a"), dir.resolve("b")), searched.subList(0, 2));
        assertEquals(BoardPath.bundled().searched(), BoardPath.of(List.of(), sep + " " + sep).searched());
    }
}
