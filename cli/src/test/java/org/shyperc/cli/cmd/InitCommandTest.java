package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** `shyperc init` writes, for every board of the library, a system that checks without errors. */
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
    void aBoardIsFoundByNameInTheLibraryAbove(@TempDir Path dir) {
        // Tests run in cli/: the library is ../boards.
        CliRun init = CliRun.of("init", "--board", "qemu-virt", "-o", dir.resolve("s.shy").toString(), "--name", "mine");
        assertEquals(0, init.status(), init.err());
        assertTrue(init.out().contains("for board `qemu-virt`"), init.out());
    }

    @Test
    void anUnknownBoardListsTheLibrary(@TempDir Path dir) {
        CliRun init = CliRun.of("init", "--board", "qemu-virtt", "-o", dir.resolve("s.shy").toString());
        assertEquals(2, init.status());
        assertTrue(init.err().contains("qemu-virt, "), init.err());
    }

    @Test
    void anExistingFileIsKeptUnlessForced(@TempDir Path dir) throws IOException {
        Path out = Files.writeString(dir.resolve("s.shy"), "// mine\n");
        assertEquals(2, CliRun.of("init", "--board", "qemu-virt", "-o", out.toString()).status());
        assertEquals("// mine\n", Files.readString(out));
        assertEquals(0, CliRun.of("init", "--board", "qemu-virt", "-o", out.toString(), "--force").status());
    }
}
