package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `import dtb` on the DTB QEMU itself writes: a canonical board file that checks clean. */
class ImportDtbTest {
    @Test
    void qemusOwnTreeBecomesACleanCanonicalBoard(@TempDir Path dir) throws Exception {
        Path dtb = dir.resolve("virt.dtb");
        Process q = new ProcessBuilder("qemu-system-aarch64", "-machine",
                "virt,virtualization=on,gic-version=2,dumpdtb=" + dtb, "-cpu", "cortex-a57", "-nic", "none", "-smp", "4", "-m", "2G",
                "-nographic").redirectErrorStream(true).start();
        q.getOutputStream().close();
        q.getInputStream().readAllBytes();
        assertTrue(q.waitFor(60, TimeUnit.SECONDS) && Files.size(dtb) > 0, "QEMU wrote no DTB");

        Shyperc.Run imp = Shyperc.run(dir, 60, "import", "dtb", "virt.dtb", "--reserve", "0x40000000:0x8000000",
                "-o", "virt.shy");
        assertEquals(0, imp.exit(), imp.output());
        String board = Files.readString(dir.resolve("virt.shy"));
        assertTrue(board.contains("gic v2"), board);
        assertTrue(board.contains("dt-path \"/pl011@9000000\""), board);

        Shyperc.Run fmt = Shyperc.run(dir, 60, "fmt", "--check", "virt.shy");
        assertEquals(0, fmt.exit(), fmt.output());
        Shyperc.Run check = Shyperc.run(dir, 60, "check", "virt.shy", "--format", "line");
        assertEquals(0, check.exit(), check.output());
    }
}
