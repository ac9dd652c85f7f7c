package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;

/**
 * A NUL character names no file on any system shyperc runs on (Java refuses such a path with an
 * unchecked exception). Wherever a path comes from — a `.shy` file's kernel, initrd or import, or a
 * file or folder on the command line — it is a diagnostic or a usage error, never a stack trace, and
 * nothing is written. CompilerFuzzTest found the kernel case.
 */
class NulInPathsTest {
    private static final String SYSTEM = """
            import "board.shy"
            %s

            system s for tb {
                vm a : baremetal {
                    cpus [0]
                    memory @ 0x8000_0000 size 64 MiB
                    kernel "%s" @ 0x8008_0000
                    initrd "%s" @ 0x8100_0000
                }
            }
            """;

    private static Path system(Path dir, String imports, String kernel, String initrd) throws IOException {
        Files.copy(CliRun.root().resolve("tests/diagnostics/_lib/board.shy"), dir.resolve("board.shy"));
        return Files.writeString(dir.resolve("s.shy"), SYSTEM.formatted(imports, kernel, initrd));
    }

    private static void noCrash(CliRun run) {
        String text = run.out() + run.err();
        assertFalse(text.contains("Exception") || text.contains("internal error") || text.contains("\tat "), text);
    }

    @Test
    void nulInSourcePathsIsADiagnosticAtEachString(@TempDir Path dir) throws IOException {
        Path s = system(dir, "import \"lib\\0.shy\"\nimport board \"qemu\\0virt\"", "Image\\0", "\\0initrd");
        CliRun run = CliRun.of("check", "--format", "line", s.toString());
        noCrash(run);
        assertEquals(1, run.status(), run.err());
        String err = run.out() + run.err();
        // a NUL is refused where it is written, in every string; the rest of the file is still checked
        for (String at : List.of("s.shy:2:12", "s.shy:3:19", "s.shy:9:22", "s.shy:10:17")) {
            assertTrue(err.contains(at + ": error[SHY0102]: A string cannot hold a NUL character"), at + "\n" + err);
        }
        assertTrue(err.contains("SHY0201"), err); // import "lib.shy": there is no such file
    }

    @Test
    void buildWithNulInAKernelPathWritesNothing(@TempDir Path dir) throws IOException {
        Path s = system(dir, "", "Image\\0", "../x\\0/initrd");
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("build", "-o", out.toString(), s.toString());
        noCrash(run);
        assertEquals(1, run.status(), run.err());
        assertTrue((run.out() + run.err()).contains("SHY0102"), run.out() + run.err());
        assertFalse(Files.exists(out), "a failed build wrote " + out);
    }

    @Test
    void nulInCommandLinePathsIsAUsageError(@TempDir Path dir) throws IOException {
        Path s = system(dir, "", "kernel.bin", "initrd.bin");
        Path dtb = CliRun.root().resolve("codegen/src/test/resources/golden/qemu-virt-gicv3/guest.dtb");
        String bad = dir + "/x\0y";
        for (String[] args : new String[][] {
                {"check", bad},
                {"check", "--board-path", bad, s.toString()},
                {"fmt", bad},
                {"fmt", "--check", bad},
                {"build", bad},
                {"build", "-o", bad, s.toString()},
                {"run", bad},
                {"import", "dtb", bad},
                {"import", "dtb", dtb.toString(), "-o", bad},
                {"import", "rust-shyper", bad},
                {"import", "rust-shyper", dir.resolve("vm.json").toString(), "-o", bad},
                {"init", "--board", "qemu-virt", "-o", bad},
                {"init", "--board", bad, "-o", dir.resolve("new.shy").toString()},
        }) {
            CliRun run = CliRun.of(args);
            noCrash(run);
            assertEquals(2, run.status(), String.join(" ", args) + ": " + run.err());
            assertFalse(run.err().isBlank(), String.join(" ", args));
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(2, left.count(), "a refused command wrote a file");
        }
    }
}
