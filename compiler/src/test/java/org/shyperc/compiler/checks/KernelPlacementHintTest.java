package org.shyperc.compiler.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceFile;

/**
 * SHY0706's hint: the address it offers for a misaligned Linux kernel, with a `text_offset` and
 * with payloads in the way that end on, or just past, a 2 MiB boundary (files made to measure here:
 * the corpus keeps small files only).
 */
class KernelPlacementHintTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    static final String OFFSET_512K = "tests/diagnostics/_lib/image-offset-512k.bin";

    /** The SHY0706 hint's first sentence for one Linux VM. */
    static String hint(String memory, String kernel, String extra) {
        String text = "import \"tests/diagnostics/_lib/board.shy\"\nsystem s for tb {\n    vm a : linux management {\n"
                + "        cpus [0]\n        memory @ 0x8000_0000 size " + memory + "\n        kernel \"" + kernel + "\n"
                + extra + "    }\n}\n";
        List<String> hints = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(new SourceFile("s.shy", ROOT.resolve("s.shy"), text))
                .diagnostics().stream().filter(d -> d.code() == Codes.KERNEL_MISALIGNED)
                .map(d -> d.hint().substring(0, d.hint().indexOf(" Linux's boot protocol"))).toList();
        assertEquals(1, hints.size(), text);
        return hints.get(0);
    }

    static String file(Path dir, String name, long size) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p.toString().replace('\\', '/');
    }

    @Test
    void withATextOffsetTheNextBoundaryIsPastTheKernelLessItsOffset() {
        // 0x801c_0000 - 0x8_0000 rounds up to 0x8020_0000; the kernel goes 0x8_0000 above it
        assertEquals("Load it at 0x8028_0000, the next such address in its RAM.",
                hint("64 MiB", OFFSET_512K + "\" @ 0x801c_0000", ""));
        // in 2 MiB of RAM nothing above fits: 0x801f_0000 - 0x8_0000 rounds down to 0x8000_0000
        assertEquals("Load it at 0x8008_0000, the nearest such address below it in its RAM (none above has room).",
                hint("2 MiB", OFFSET_512K + "\" @ 0x801f_0000", ""));
    }

    @Test
    void aPayloadEndingOnABoundaryLeavesThatBoundaryFree(@TempDir Path dir) throws IOException {
        String initrd = file(dir, "initrd-2m.bin", 0x20_0000);
        assertEquals("Load it at 0x8040_0000, the next such address in its RAM.",
                hint("64 MiB", "tests/diagnostics/_lib/kernel.bin\" @ 0x8010_0000",
                        "        initrd \"" + initrd + "\" @ 0x8020_0000\n"));
    }

    @Test
    void pastAPayloadInTheWayTheOffsetIsTakenOffItsEndFirst(@TempDir Path dir) throws IOException {
        // the initrd takes 0x8028_0000..0x8040_0000: 0x8040_0000 - 0x8_0000 rounds up to 0x8040_0000
        String initrd = file(dir, "initrd-1536k.bin", 0x18_0000);
        assertEquals("Load it at 0x8048_0000, the next such address in its RAM.",
                hint("64 MiB", OFFSET_512K + "\" @ 0x8010_0000", "        initrd \"" + initrd + "\" @ 0x8028_0000\n"));
    }
}
