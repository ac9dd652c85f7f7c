package org.shyperc.compiler.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;

/** Placement, and the free DRAM it leaves, which hints offer ("the next free PA is ..."). */
class LayoutTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static final String SYSTEM = """
            import "tests/diagnostics/_lib/board.shy"
            system s for tb {
                vm a : linux management {
                    cpus [0]
                    memory @ 0x8000_0000 size 64 MiB
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x8020_0000
                }
                vm b : baremetal {
                    cpus [1]
                    memory @ 0x0 size 32 MiB at pa 0x7000_0000
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                }
                shared p size 8 KiB at pa 0x6000_0000 { a @ 0xc000_0000 rw }
                shared q size 2 MiB { a @ 0xc100_0000 rw }
            }
            """;

    static Compilation compile() {
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", SYSTEM));
        assertEquals(List.of(), c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList());
        return c;
    }

    @Test
    void placementIsFirstFitAroundTheReservationAndPinnedRegions() {
        Instance raw = compile().program().instances().get(0);
        var placed = Layout.place(raw);
        assertEquals(List.of(), placed.diagnostics());
        Instance in = placed.value();
        assertEquals(0x4200_0000L, in.vm("a").memory().get(0).pa());
        assertEquals(0x7000_0000L, in.vm("b").memory().get(0).pa());
        assertEquals(0x6000_0000L, in.shared().get(0).pa());
        assertEquals(0x4600_0000L, in.shared().get(1).pa());
    }

    @Test
    void whatIsFreeOnceEverythingIsPlaced() {
        Instance in = compile().instances().get(0).instance();
        assertEquals("0x4620_0000..0x5fff_ffff (414 MiB), 0x6000_2000..0x6fff_ffff (262136 KiB), "
                + "0x7200_0000..0x7fff_ffff (224 MiB)", Layout.freeAfter(in).describe());
    }

    @Test
    void whatWouldBeFreeWithoutOneRegion() {
        Instance in = compile().instances().get(0).instance();
        // without b's pinned RAM
        assertEquals("0x4620_0000..0x5fff_ffff (414 MiB), 0x6000_2000..0x7fff_ffff (524280 KiB)",
                Layout.freeAfter(in, in.vm("b").memory().get(0).span()).describe());
        // without the pinned shared region
        assertEquals("0x4620_0000..0x6fff_ffff (670 MiB), 0x7200_0000..0x7fff_ffff (224 MiB)",
                Layout.freeAfter(in, in.shared().get(0).span()).describe());
        // without a's placed RAM
        assertEquals("0x4200_0000..0x45ff_ffff (64 MiB), 0x4620_0000..0x5fff_ffff (414 MiB), "
                + "0x6000_2000..0x6fff_ffff (262136 KiB), 0x7200_0000..0x7fff_ffff (224 MiB)",
                Layout.freeAfter(in, in.vm("a").memory().get(0).span()).describe());
        // without the placed shared region
        assertEquals("0x4600_0000..0x5fff_ffff (416 MiB), 0x6000_2000..0x6fff_ffff (262136 KiB), "
                + "0x7200_0000..0x7fff_ffff (224 MiB)", Layout.freeAfter(in, in.shared().get(1).span()).describe());
    }
}
