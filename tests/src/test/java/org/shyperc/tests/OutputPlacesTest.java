package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where shyperc writes, what the user set up stays: links stay links, permissions stay, new
 * files get what the umask gives, and a build killed half-way leaves nothing that stays.
 */
class OutputPlacesTest {
    static final String UNFORMATTED = "board   b {   arch aarch64 }\n";
    static final String FORMATTED = "board b {\n    arch aarch64\n}\n";

    static void write(Path dir, Map<String, String> files) throws Exception {
        for (var e : files.entrySet()) Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }

    /** The inputs of a CLI script case. */
    static Map<String, String> filesOf(String script) throws Exception {
        return Script.parse(Files.readString(Shyperc.ROOT.resolve("tests/cli").resolve(script))).files();
    }

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void fmtWritesThroughALink(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("real.shy"), UNFORMATTED);
        Files.createSymbolicLink(dir.resolve("link.shy"), Path.of("real.shy"));
        Shyperc.Run r = Shyperc.run(dir, 60, "fmt", "link.shy");
        assertEquals(0, r.exit(), r.output());
        assertTrue(Files.isSymbolicLink(dir.resolve("link.shy")), "the link was replaced by a file");
        assertEquals(FORMATTED, Files.readString(dir.resolve("real.shy")));
    }

    @Test
    void fmtKeepsPermissions(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("a.shy"), UNFORMATTED);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
        Shyperc.Run r = Shyperc.run(dir, 60, "fmt", "a.shy");
        assertEquals(0, r.exit(), r.output());
        assertEquals(FORMATTED, Files.readString(f));
        assertEquals("rw-rw-r--", mode(f));
    }

    @Test
    void importCreatesFilesAsTheUmaskSays(@TempDir Path dir) throws Exception {
        write(dir, filesOf("import-rust-shyper-good.txt"));
        // Java cannot read the umask; a file created without explicit permissions shows it
        String expected = mode(Files.createFile(dir.resolve("probe")));
        Shyperc.Run r = Shyperc.run(dir, 60, "import", "rust-shyper", "guest.json", "--board", "board.shy", "-o", "new.shy");
        assertEquals(0, r.exit(), r.output());
        assertEquals(expected, mode(dir.resolve("new.shy")));
        Shyperc.Run dtb = Shyperc.run(dir, 60, "import", "dtb",
                Shyperc.ROOT.resolve("codegen/src/test/resources/golden/qemu-virt-demo/rt.dtb").toString(), "-o", "board-new.shy");
        assertEquals(0, dtb.exit(), dtb.output());
        assertEquals(expected, mode(dir.resolve("board-new.shy")));
    }

    @Test
    void importKeepsThePermissionsOfTheFileItReplaces(@TempDir Path dir) throws Exception {
        write(dir, filesOf("import-rust-shyper-good.txt"));
        Path out = Files.writeString(dir.resolve("out.shy"), "// old\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        Shyperc.Run r = Shyperc.run(dir, 60, "import", "rust-shyper", "guest.json", "--board", "board.shy", "-o", "out.shy");
        assertEquals(0, r.exit(), r.output());
        assertTrue(Files.readString(out).contains("system imported for tiny"), Files.readString(out));
        assertEquals("rw-r-----", mode(out));
    }

    @Test
    void staleStagingFoldersAreRemovedAndLiveOnesKept(@TempDir Path dir) throws Exception {
        write(dir, filesOf("check-clean.txt"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = out.resolve(".staging-" + gone.pid() + "-" + start(gone.toHandle()) + "-k1ll3d");
        Files.createDirectories(dead.resolve("t0"));
        Files.write(dead.resolve("t0/shyper.bin"), new byte[4096]);
        ProcessHandle self = ProcessHandle.current();
        Path live = Files.createDirectories(out.resolve(".staging-" + self.pid() + "-" + start(self) + "-busy"));
        Path earlierOld = Files.createDirectories(out.resolve(".staging-8214589812649187722"));
        Files.setLastModifiedTime(earlierOld, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path earlierNew = Files.createDirectories(out.resolve(".staging-1178245690123"));

        Shyperc.Run r = Shyperc.run(dir, 120, "build", "system.shy", "-o", "out");
        assertEquals(0, r.exit(), r.output());
        assertFalse(Files.exists(dead), "a dead build's staging folder stayed");
        assertFalse(Files.exists(earlierOld), "an earlier version's day-old staging folder stayed");
        assertTrue(Files.exists(live), "a running process's staging folder was removed");
        assertTrue(Files.exists(earlierNew), "an earlier version's recent staging folder was removed");
    }

    /** The literal case: SIGKILL while the image is being written, then build again. */
    @Test
    void aBuildKilledWhileWritingLeavesNothingBehindTheNextBuild(@TempDir Path dir) throws Exception {
        write(dir, filesOf("check-clean.txt"));
        // big payloads, so writing the image takes a while; the image must fit the hypervisor's reservation
        Files.writeString(dir.resolve("system.shy"), Files.readString(dir.resolve("system.shy")).replace("size 16 MiB", "size 96 MiB"));
        Files.writeString(dir.resolve("board.shy"), Files.readString(dir.resolve("board.shy")).replace("size 32 MiB", "size 256 MiB"));
        for (String k : List.of("a.bin", "b.bin")) {
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve(k).toFile(), "rw")) {
                f.setLength(64L << 20);
            }
        }
        Path out = dir.resolve("out");
        boolean killedWhileWriting = false;
        for (int attempt = 0; attempt < 5 && !killedWhileWriting; attempt++) {
            Process p = new ProcessBuilder("java", "-jar", CliScriptTest.JAR.toString(), "build", "system.shy", "-o", "out")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            while (p.isAlive() && !killedWhileWriting) {
                if (staging(out).anyMatch(s -> Files.exists(s.resolve("t0/shyper.bin")))) {
                    p.destroyForcibly(); // SIGKILL: no finally block runs
                    killedWhileWriting = true;
                }
                Thread.sleep(2);
            }
            p.waitFor(60, TimeUnit.SECONDS);
        }
        assertTrue(killedWhileWriting, "the build always finished before it could be killed");
        assertTrue(staging(out).findAny().isPresent(), "the killed build left no staging folder to clean");

        Shyperc.Run r = Shyperc.run(dir, 120, "build", "system.shy", "-o", "out");
        assertEquals(0, r.exit(), r.output());
        assertEquals(List.of(), staging(out).toList(), "staging folders left after the next build");
        assertTrue(Files.size(out.resolve("s/tiny/shyper.bin")) > (128L << 20));
    }

    static Stream<Path> staging(Path out) throws Exception {
        if (!Files.isDirectory(out)) return Stream.empty();
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".staging-")).toList().stream();
        }
    }

    static long start(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
