package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `check --report DIR` draws a failed check on the memory map, even though the system has errors. */
class CheckReportTest {
    @Test
    void anOverlapIsListedAndDrawnOnTheMap(@TempDir Path dir) throws Exception {
        String system = Files.readString(Shyperc.ROOT.resolve("examples/qemu-virt/system.shy"))
                .replace("memory @ 0x0 size 32 MiB", "memory @ 0x0 size 32 MiB at pa 0x7100_0000");
        Files.writeString(dir.resolve("system.shy"), system);
        Shyperc.Run r = Shyperc.run(dir, 60, "check", "system.shy", "--report", "rep", "--format", "line");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("error[SHY0306]"), r.output());
        String html = Files.readString(dir.resolve("rep/qemu-demo.qemu-virt.html"));
        assertTrue(html.contains("SHY0306"), "the finding is listed");
        // each code once, in order: the pinned PA also draws Rust-Shyper's SHY0920 there
        assertTrue(html.contains("bm RAM, 32 MiB [SHY0306, SHY0920]"), "the overlapping region is marked on the map");
        for (String vm : new String[] {"mvm", "rt", "bm"}) assertTrue(html.contains("VM " + vm), vm + " is drawn");
    }
}
