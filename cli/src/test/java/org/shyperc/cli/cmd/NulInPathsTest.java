package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        CliRun run = CliRun.of("check", s.toString());
        noCrash(run);
        assertEquals(1, run.status(), run.err());
        String err = run.out() + run.err();
        assertTrue(err.contains("s.shy:2:8") && err.contains("SHY0201"), err);    // import "lib\0.shy"
        assertTrue(err.contains("s.shy:3:14"), err);                              // import board "qemu\0virt"
        assertTrue(err.contains("s.shy:9:16") && err.contains("The kernel path \"Image\\0\" is not a valid file path."), err);
        assertTrue(err.contains("s.shy:10:16") && err.contains("The initrd path \"\\0initrd\" is not a valid file path."), err);
    }

    @Test
    void buildWithNulInAKernelPathWritesNothing(@TempDir Path dir) throws IOException {
        Path s = system(dir, "", "Image\\0", "../x\\0/initrd");
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("build", "-o", out.toString(), s.toString());
        noCrash(run);
        assertEquals(1, run.status(), run.err());
        assertTrue((run.out() + run.err()).contains("SHY0208"), run.out() + run.err());
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
