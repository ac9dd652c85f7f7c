package org.shyperc.compiler.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;

/**
 * The bad inputs too big to keep in the corpus: files of several megabytes, made here. They must
 * end in diagnostics, quickly, never in an exception.
 */
class LargeInputTest {
    @TempDir
    Path dir;

    private Compilation compile(Path file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> new Compiler(dir, Loader.Sources.DISK, Checks.ALL).compile(List.of(file)));
    }

    @Test
    void severalMegabytesOfGarbageTextGiveCappedDiagnostics() throws IOException {
        StringBuilder b = new StringBuilder();
        while (b.length() < 4 << 20) b.append("board } { $ 0x @@ \"x\" [1..] KiB ; ");
        Path f = dir.resolve("garbage.shy");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        Compilation c = compile(f);
        assertTrue(c.hasErrors());
        assertTrue(c.diagnostics().size() < 200, "diagnostics are capped, got " + c.diagnostics().size());
        assertTrue(c.diagnostics().stream().allMatch(d -> d.code() == Codes.SYNTAX || d.code() == Codes.BAD_TOKEN),
                () -> c.diagnostics().toString());
    }

    @Test
    void severalMegabytesOfOneLongCommentIsAnEmptyFile() throws IOException {
        Path f = dir.resolve("comment.shy");
        Files.writeString(f, "/*" + "x".repeat(5 << 20) + "*/", StandardCharsets.UTF_8);
        List<Diagnostic> ds = compile(f).diagnostics();
        assertEquals(1, ds.size(), ds::toString);
        assertEquals(Codes.MISSING, ds.get(0).code());
    }

    @Test
    void aFileOverTheSizeLimitIsAnIoError() throws IOException {
        Path f = dir.resolve("huge.shy");
        try (var out = Files.newOutputStream(f)) {
            byte[] line = "// padding padding padding padding padding padding padding padding\n".getBytes(StandardCharsets.UTF_8);
            for (long n = 0; n <= (65L << 20) / line.length; n++) out.write(line);
        }
        List<Diagnostic> ds = compile(f).diagnostics();
        assertEquals(1, ds.size(), ds::toString);
        assertEquals(Codes.IO, ds.get(0).code());
    }

    @Test
    void severalMegabytesOfValidDevicesCompile() throws IOException {
        StringBuilder b = new StringBuilder("""
                board big {
                    arch aarch64
                    cpus 1
                    memory dram @ 0x4000_0000 size 1 GiB
                    gic v3 { distributor @ 0x0800_0000 size 64 KiB; redistributor @ 0x080a_0000 size 128 KiB }
                """);
        for (int i = 0; b.length() < 3 << 20; i++) {
            b.append("    device d").append(i).append(" \"x,dev\" @ 0x").append(Long.toHexString(0x1_0000_0000L + i * 4096L))
                    .append(" size 4 KiB\n");
        }
        b.append("    hypervisor { reserve @ 0x4000_0000 size 32 MiB; console d0 }\n}\n");
        Path f = dir.resolve("big.shy");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        Compilation c = compile(f);
        assertEquals(List.of(), c.diagnostics());
        assertTrue(c.program().boards().get(0).devices().size() > 50_000);
    }
}
