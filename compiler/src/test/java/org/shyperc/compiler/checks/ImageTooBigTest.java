package org.shyperc.compiler.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceFile;

/** SHY0705 at its edge: an image that fits the reservation to the byte is fine, one page less is not. */
class ImageTooBigTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Compilation compile(long reserve, String payloads) {
        String text = """
                board small {
                    arch aarch64
                    cpus 2 "arm,cortex-a53"
                    memory dram @ 0x4000_0000 size 1 GiB
                    gic v2 {
                        distributor           @ 0x0800_0000 size 64 KiB
                        cpu-interface         @ 0x0801_0000 size 64 KiB
                        hyp-interface         @ 0x0803_0000 size 64 KiB
                        virtual-cpu-interface @ 0x0804_0000 size 64 KiB
                    }
                    device uart0 "arm,pl011" @ 0x0900_0000 size 4 KiB irq 33
                    hypervisor { reserve @ 0x4000_0000 size RESERVE; load @ 0x4000_0000; console uart0 }
                }
                system s for small {
                    vm a : baremetal {
                        cpus [0]
                        memory @ 0x0 size 16 MiB
                        kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                PAYLOADS    }
                }
                """.replace("RESERVE", "0x" + Long.toHexString(reserve)).replace("PAYLOADS", payloads);
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(new SourceFile("s.shy", ROOT.resolve("s.shy"), text));
    }

    static long tooBig(Compilation c) {
        return c.diagnostics().stream().filter(d -> d.code() == Codes.IMAGE_TOO_BIG).count();
    }

    @Test
    void anImageThatFitsToTheByteIsFine() {
        ImageEstimate e = ImageEstimate.of(compile(0x4_0000, "").instances().get(0).instance());
        long need = e.imageSize + e.poolSize;
        assertTrue(need > 0x4_0000 && need % 4096 == 0, Long.toHexString(need));
        Compilation exact = compile(need, "");
        assertEquals(0, tooBig(exact), () -> exact.diagnostics().toString());
        assertEquals(1, tooBig(compile(need - 4096, "")));
        // the estimate does not depend on the reservation it is compared with
        ImageEstimate again = ImageEstimate.of(exact.instances().get(0).instance());
        assertEquals(need, again.imageSize + again.poolSize);
    }

    @Test
    void anEmptyInitrdIsAPayloadOfKnownSizeZero(@TempDir Path dir) throws java.io.IOException {
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        String initrd = "        initrd \"" + empty.toString().replace("\\", "/") + "\" @ 0x10_0000\n";
        Compilation c = compile(0x4_0000, initrd);
        ImageEstimate with = ImageEstimate.of(c.instances().get(0).instance());
        ImageEstimate without = ImageEstimate.of(compile(0x4_0000, "").instances().get(0).instance());
        assertEquals(without.payloads, with.payloads); // zero bytes, no page
        assertTrue(with.imageSize > 0);
        assertEquals(1, tooBig(c), () -> c.diagnostics().toString());
        assertEquals("kernel.bin", Path.of(with.largest.path()).getFileName().toString());
    }
}
