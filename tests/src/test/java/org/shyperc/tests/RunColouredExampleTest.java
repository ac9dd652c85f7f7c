package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache colouring end to end: `shyperc run` builds and boots examples/qemu-virt-coloured (GICv2 and GICv3) under QEMU;
 * the three coloured bare-metal VMs, whose kernels the runtime copied page run by page run into their colours, print
 * from each of their cores, take their timer ticks and power off. The plan it wrote lists the coloured regions.
 */
class RunColouredExampleTest {
    @ParameterizedTest
    @ValueSource(strings = {"system.shy", "gicv3.shy"})
    void everyColouredVmRunsAndTheRunEndsCleanly(String file, @TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 120, "run", "examples/qemu-virt-coloured/" + file,
                "-o", out.toString(), "--timeout", "90");
        Map<String, Integer> vcpus = Map.of("alpha", 1, "beta", 2, "gamma", 1);
        vcpus.forEach((vm, n) -> {
            for (int v = 0; v < n; v++) {
                assertTrue(r.output().contains("[" + vm + "] vcpu " + v + ": hello (mpidr 0x8000000" + v),
                        vm + " vcpu " + v + " did not print:\n" + r.output());
            }
            assertTrue(r.output().contains("shyper: vm " + vm + " stopped: SYSTEM_OFF"), r.output());
        });
        assertTrue(r.output().contains("every VM has stopped"), r.output());
        assertEquals(0, r.exit(), r.output());
        String plan;
        try (var files = Files.walk(out)) {
            plan = Files.readString(files.filter(p -> p.getFileName().toString().equals("plan.json")).findFirst().orElseThrow());
        }
        assertTrue(plan.replaceAll("\\s", "").contains("\"colours\":[16,17,18,19,24,25,26,27]"), plan);
    }
}
