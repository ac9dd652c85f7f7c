package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.cli.CliRun;

/** `shyperc init` writes, for every board of the library, a system that checks without errors; a board named is imported by name. */
class InitCommandTest {

    static Stream<Path> boards() throws IOException {
        try (Stream<Path> s = Files.list(CliRun.root().resolve("boards"))) {
            return s.filter(p -> p.toString().endsWith(".shy")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("boards")
    void theStarterSystemChecksWithOnlyMissingImageWarnings(Path board, @TempDir Path dir) throws IOException {
        Path out = dir.resolve("sys/system.shy");
        CliRun init = CliRun.of("init", "--board", board.toString(), "-o", out.toString());
        assertEquals(0, init.status(), init.err());
        assertTrue(Files.readString(out).contains("import \"" + dir.resolve("sys").relativize(board).toString().replace('\\', '/')));

        CliRun check = CliRun.of("check", "--format", "json", out.toString());
        assertEquals(0, check.status(), check.out());
        for (JsonNode d : new ObjectMapper().readTree(check.out()).get("diagnostics")) {
            assertEquals("SHY0701", d.get("code").asText(), d.toString()); // only "image not built yet"
        }
        CliRun fmt = CliRun.of("fmt", "--check", out.toString());
        assertEquals(0, fmt.status(), "the starter is not in canonical form: " + fmt.out());
    }

    @Test
    void aBoardNamedIsImportedFromTheLibraryByName(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("s.shy");
        CliRun init = CliRun.of("init", "--board", "qemu-virt", "-o", out.toString(), "--name", "mine");
        assertEquals(0, init.status(), init.err());
        assertTrue(init.out().contains("for board `qemu-virt`"), init.out());
        assertTrue(Files.readString(out).contains("\nimport board \"qemu-virt\"\n"), Files.readString(out));
        CliRun check = CliRun.of("check", "--format", "line", out.toString());
        assertEquals(0, check.status(), check.out());
    }

    @Test
    void aBoardOnTheBoardPathIsImportedByNameAndTheCheckCommandSaysWhereToLook(@TempDir Path dir) throws IOException {
        Path mine = Files.createDirectories(dir.resolve("my boards"));
        Files.writeString(mine.resolve("my-virt.shy"), Files.readString(CliRun.root().resolve("boards/qemu-virt.shy"))
                .replace("board qemu-virt {", "board my-virt {"));
        Path out = dir.resolve("s.shy");
        CliRun init = CliRun.of("init", "--board-path", mine.toString(), "--board", "my-virt", "-o", out.toString());
        assertEquals(0, init.status(), init.err());
        assertTrue(init.out().contains("shyperc check --board-path " + mine + " " + out), init.out());
        assertTrue(Files.readString(out).contains("import board \"my-virt\""));
        assertEquals(1, CliRun.of("check", out.toString()).status(), "not found without the board path");
        CliRun check = CliRun.of("check", "--board-path", mine.toString(), "--format", "line", out.toString());
        assertEquals(0, check.status(), check.out());
    }

    @Test
    void anUnknownBoardOffersTheClosestAndListsTheLibrary(@TempDir Path dir) {
        CliRun init = CliRun.of("init", "--board", "qemu-virtt", "-o", dir.resolve("s.shy").toString());
        assertEquals(2, init.status());
        assertTrue(init.err().contains("Did you mean `qemu-virt`?"), init.err());
        assertTrue(init.err().contains("qemu-virt, "), init.err());
        assertFalse(Files.exists(dir.resolve("s.shy")));
    }

    @Test
    void aBoardPathThatIsNotAFolderIsAUsageError(@TempDir Path dir) {
        CliRun init = CliRun.of("init", "--board-path", dir.resolve("nope").toString(), "--board", "rpi4",
                "-o", dir.resolve("s.shy").toString());
        assertEquals(2, init.status());
        assertTrue(init.err().contains("--board-path `" + dir.resolve("nope") + "` is not a folder."), init.err());
    }

    @Test
    void anExistingFileIsKeptUnlessForced(@TempDir Path dir) throws IOException {
        Path out = Files.writeString(dir.resolve("s.shy"), "// mine\n");
        assertEquals(2, CliRun.of("init", "--board", "qemu-virt", "-o", out.toString()).status());
        assertEquals("// mine\n", Files.readString(out));
        assertEquals(0, CliRun.of("init", "--board", "qemu-virt", "-o", out.toString(), "--force").status());
    }

    @Test
    void aFolderAsOutputGetsSystemShyInsideItKeptUnlessForced(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("d"));
        Path file = folder.resolve("system.shy");
        CliRun init = CliRun.of("init", "--board", "qemu-virt", "-o", folder.toString());
        assertEquals(0, init.status(), init.err());
        assertTrue(init.out().startsWith("Wrote " + file + " for board `qemu-virt`. Check it with `shyperc check " + file + "`."),
                init.out());
        assertTrue(Files.readString(file).contains("\nimport board \"qemu-virt\"\n"), Files.readString(file));

        Files.writeString(file, "// mine\n");
        CliRun again = CliRun.of("init", "--board", "qemu-virt", "-o", folder.toString());
        assertEquals(2, again.status());
        assertTrue(again.err().contains("`" + file + "` exists; pass --force to overwrite it."), again.err());
        assertEquals("// mine\n", Files.readString(file));
        CliRun forced = CliRun.of("init", "--board", "qemu-virt", "-o", folder.toString(), "--force");
        assertEquals(0, forced.status(), forced.err());
        assertTrue(Files.readString(file).contains("import board \"qemu-virt\""));
    }

    @Test
    void aMissingBoardListsTheBoardsOnTheBoardPathAsAnUnknownOneDoes(@TempDir Path dir) throws IOException {
        String unknown = CliRun.of("init", "--board", "nope", "-o", dir.resolve("s.shy").toString()).err();
        String boards = unknown.substring(unknown.indexOf("Boards: ") + "Boards: ".length()).strip();
        assertTrue(boards.startsWith("jetson-tx2, qemu-riscv64, qemu-virt"), unknown);

        CliRun init = CliRun.of("init", "-o", dir.resolve("s.shy").toString());
        assertEquals(2, init.status());
        assertEquals("shyperc: Missing required option: '--board=BOARD'\n"
                + "Give a board file or one of the boards on the board path: " + boards + "\n"
                + "Try `shyperc init --help`.\n", init.err());
        assertFalse(Files.exists(dir.resolve("s.shy")));

        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("my-virt.shy"), "");
        CliRun withPath = CliRun.of("init", "--board-path", mine.toString(), "-o", dir.resolve("s.shy").toString());
        assertTrue(withPath.err().contains("on the board path: jetson-tx2, my-virt, qemu-riscv64"), withPath.err());
    }

    @Test
    void theHelpOfBoardListsTheBoards() {
        CliRun help = CliRun.of("init", "--help");
        assertEquals(0, help.status());
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("or a board file. Boards: jetson-tx2, qemu-riscv64, qemu-virt, "), help.out());
    }
}
