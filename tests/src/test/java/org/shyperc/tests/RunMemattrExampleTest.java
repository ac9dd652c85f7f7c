package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `shyperc run` builds and boots the memory-attributes example on GICv2 and GICv3: both VMs run from every core with
 * RAM in 1 GiB and 2 MiB blocks and `nocache` and `device` regions mapped, and the report names the attributes.
 * (ReadbackTest, in hypervisor-runtime, reads the tables back.)
 */
class RunMemattrExampleTest {
    @ParameterizedTest
    @ValueSource(strings = {"qemu-virt", "qemu-virt-gicv3"})
    void bothVmsRunAndTheReportShowsTheAttributes(String board, @TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 120, "run", "examples/qemu-virt-memattr/system.shy", "--board", board,
                "-o", out.toString(), "--timeout", "90");
        assertTrue(r.output().contains("[big] vcpu 0: hello (mpidr 0x80000000"), r.output());
        assertTrue(r.output().contains("[small] vcpu 1: hello (mpidr 0x80000001"), r.output());
        assertTrue(r.output().contains("every VM has stopped"), r.output());
        assertEquals(0, r.exit(), r.output());
        try (var files = Files.walk(out)) {
            Path report = files.filter(f -> f.getFileName().toString().equals("report.html")).findFirst().orElseThrow();
            String html = Files.readString(report);
            assertTrue(html.contains("[hugepages 1 GiB]") && html.contains("[nocache]") && html.contains("[device]"), html);
        }
    }
}
