package org.shyperc.compiler.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.source.SourceFile;

/** Where a VM's device tree goes when the source does not say: in its lowest-IPA RAM region. */
class DefaultDtbTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static long dtb(String memory) {
        String text = "import \"tests/diagnostics/_lib/board.shy\"\nsystem s for tb {\n    vm a : baremetal {\n"
                + "        cpus [0]\n" + memory + "        kernel \"tests/diagnostics/_lib/kernel.bin\" @ 0x0\n    }\n}\n";
        Instance in = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text))
                .instances().get(0).instance();
        VmModel a = in.vm("a");
        return a.dtbIpa();
    }

    @Test
    void theTop2MiBBoundaryOfARegionOf4MiBOrMore() {
        assertEquals(0x83e0_0000L, dtb("        memory @ 0x8000_0000 size 64 MiB\n"));
        // a region that does not end on a 2 MiB boundary: the boundary below its last 2 MiB
        assertEquals(0x83e0_0000L, dtb("        memory @ 0x8010_0000 size 64 MiB\n"));
        assertEquals(0x20_0000L, dtb("        memory @ 0x0 size 4 MiB\n"));
        // exactly 4 MiB off a 2 MiB boundary: the boundary below its last 2 MiB, not its middle (0x30_0000)
        assertEquals(0x20_0000L, dtb("        memory @ 0x10_0000 size 4 MiB\n"));
    }

    @Test
    void thePageAlignedMiddleOfASmallerRegion() {
        assertEquals(0x18_0000L, dtb("        memory @ 0x0 size 3 MiB\n"));
        assertEquals(0x1000L, dtb("        memory @ 0x0 size 12 KiB\n"));
    }

    @Test
    void theLowestRegionWhateverItsPlaceInTheSource() {
        assertEquals(0x18_0000L, dtb("        memory @ 0x8000_0000 size 64 MiB\n        memory @ 0x0 size 3 MiB\n"));
        assertEquals(0x18_0000L, dtb("        memory @ 0x0 size 3 MiB\n        memory @ 0x8000_0000 size 64 MiB\n"));
    }

    @Test
    void aWrittenIpaIsKeptAndNoRamMeansNoDeviceTree() {
        assertEquals(0x10_0000L, dtb("        memory @ 0x0 size 3 MiB\n        dtb @ 0x10_0000\n"));
        assertEquals(VmModel.NO_DTB, dtb(""));
    }
}
