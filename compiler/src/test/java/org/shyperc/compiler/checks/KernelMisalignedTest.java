package org.shyperc.compiler.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;

/** SHY0706's hints (the corpus holds only where it is reported): each names an address Linux accepts. */
class KernelMisalignedTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    /** The first sentence of each SHY0706 hint, by the VM's line. */
    static Map<Integer, String> hints(String corpusCase) {
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL)
                .compile(List.of(ROOT.resolve("tests/diagnostics/images/" + corpusCase)));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        assertNotNull(c.instances().get(0).plan(), "a warning: the Plan is made");
        Map<Integer, String> out = new TreeMap<>();
        for (Diagnostic d : c.diagnostics()) {
            if (d.code() == Codes.KERNEL_MISALIGNED) out.put(d.span().line(), d.hint().substring(0, d.hint().indexOf('.') + 1));
        }
        return out;
    }

    @Test
    void theHintIsTheNextFreeBoundaryInTheKernelsRam() {
        assertEquals(Map.of(
                10, "Load it at 0x8020_0000, the next such address in its RAM.",
                15, "Load it at 0x8040_0000, the next such address in its RAM.", // 0x8020_0000 holds the initrd
                21, "Load it at 0x8000_0000, the nearest such address below it in its RAM (none above has room).",
                27, "Its RAM has no such address with room for the kernel: give the VM more RAM, or move its other payloads."),
                hints("kernel-misaligned.shy"));
    }

    @Test
    void anOldImageHeaderMovesTheBoundaryByItsTextOffset() {
        assertEquals(Map.of(15, "Load it at 0x8028_0000, the next such address in its RAM."), hints("kernel-text-offset.shy"));
    }
}
