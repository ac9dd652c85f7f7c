package org.shyperc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.bind.BoardPath;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.check.Severities;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.dsl.source.SourceFile;

/** The compiler's options as `build --board`, `--board-path` and `-W`/`-E` set them. */
class CompilerBoardTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static final String TWO_BOARDS = """
            import "tests/diagnostics/_lib/board.shy"
            import "tests/diagnostics/_lib/riscv.shy"
            system s for tb, rv {
                vm a : baremetal {
                    cpus [0]
                    memory @ 0x0 size 32 MiB
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                }
            }
            """;

    @Test
    void forBoardMakesThatBoardsInstanceOnly() {
        Compiler all = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL);
        assertEquals(List.of("tb", "rv"), all.compileSource(SourceFile.of("s.shy", TWO_BOARDS)).instances().stream()
                .map(p -> p.instance().board().name()).toList());
        Compilation rv = all.forBoard("rv").compileSource(SourceFile.of("s.shy", TWO_BOARDS));
        assertEquals(List.of("rv"), rv.instances().stream().map(p -> p.instance().board().name()).toList());
    }

    @Test
    void theOptionsAreKeptByEachDerivedCompiler() {
        BoardPath path = BoardPath.of(List.of(ROOT.resolve("boards")), null);
        Severities s = Severities.NONE.error(Codes.IMAGE_MISSING);
        Compiler c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).withBoardPath(path).withSeverities(s);
        assertSame(path, c.boardPath());
        assertSame(s, c.severities());
        assertSame(path, c.forBoard("tb").boardPath());
        assertSame(s, c.forBoard("tb").severities());
        assertSame(Severities.NONE, new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).severities());
        assertEquals(Severity.WARNING, new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL)
                .withSeverity(Codes.PA_OVERLAP, Severity.WARNING).severities()
                .apply(org.shyperc.dsl.diag.Diagnostic.of(Codes.PA_OVERLAP,
                        org.shyperc.dsl.source.SourceSpan.startOf(SourceFile.of("x", "")), "m").build()).severity());
    }
}
