package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `import rust-shyper` on JSON too deep or too big to be a VM config: one located problem with
 * a code, never a stack trace. (The inputs are made here: they are too large for a CLI script.)
 */
class HostileJsonTest {
    @Test
    void aHundredThousandLevelsDeep(@TempDir Path dir) throws Exception {
        OutputPlacesTest.write(dir, OutputPlacesTest.filesOf("import-rust-shyper-good.txt"));
        Files.writeString(dir.resolve("deep.json"), "[".repeat(100_000) + "]".repeat(100_000));
        Shyperc.Run r = Shyperc.run(dir, 60, "import", "rust-shyper", "deep.json", "--board", "board.shy");
        assertEquals("deep.json:1:65: error[SHY0919]: The JSON is nested deeper than 64 levels; a VM config nests four.\n",
                r.output());
        assertEquals(1, r.exit());
    }

    @Test
    void fiftyMegabytesOfRealJson(@TempDir Path dir) throws Exception {
        var files = OutputPlacesTest.filesOf("import-rust-shyper-good.txt");
        OutputPlacesTest.write(dir, files);
        String huge = files.get("guest.json").replace("\"earlycon console=hvc0,115200n8 root=/dev/vda rw audit=0\"",
                "\"" + "x".repeat(50_000_000) + "\"");
        Files.writeString(dir.resolve("huge.json"), huge);
        Shyperc.Run r = Shyperc.run(dir, 60, "import", "rust-shyper", "huge.json", "--board", "board.shy");
        assertEquals("huge.json: error[SHY0106]: `huge.json` is " + Files.size(dir.resolve("huge.json"))
                + " bytes; the limit for a Rust-Shyper VM config is 4194304 bytes (4 MiB).\n", r.output());
        assertEquals(2, r.exit());
    }

    @Test
    void aLongStringInAFileOfAllowedSize(@TempDir Path dir) throws Exception {
        var files = OutputPlacesTest.filesOf("import-rust-shyper-good.txt");
        OutputPlacesTest.write(dir, files);
        String big = files.get("guest.json").replace("\"earlycon console=hvc0,115200n8 root=/dev/vda rw audit=0\"",
                "\"" + "x".repeat(3_000_000) + "\"");
        Files.writeString(dir.resolve("long.json"), big);
        Shyperc.Run r = Shyperc.run(dir, 60, "import", "rust-shyper", "long.json", "--board", "board.shy");
        assertEquals("long.json:4:16: error[SHY0919]: A string is longer than 64 KiB, the most shyperc reads.\n",
                r.output());
        assertEquals(1, r.exit());
    }
}
