package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Plan;

/**
 * Memory attributes (issue 13) at run time. {@link ReadbackTest} reads back examples/qemu-virt-memattr on GICv2 and
 * GICv3 (it reads every qemu-virt example): every mapping's memory type and the block size of its `hugepages` RAM are
 * compared with plan.json there; this test holds the example to using all three attributes on both boards, so that
 * the read-back proves them, and measures what blocks save: the stage-2 tables of a VM with 1 GiB of RAM mapped with
 * 4 KiB pages, 2 MiB blocks and one 1 GiB block (bench/README.md).
 */
class MemoryAttributesTest {

    @Test
    void theExampleUsesEveryAttributeOnBothGics() {
        Compilation c = Compiler.standard().compile(List.of(ExampleSystemsTest.ROOT.resolve("examples/qemu-virt-memattr/system.shy")));
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        Set<String> boards = new TreeSet<>();
        for (Compilation.Placed i : c.instances()) {
            Plan p = i.plan();
            boards.add(p.board().interruptController().kind().toString());
            Set<String> seen = new TreeSet<>();
            p.vms().forEach(v -> v.mappings().forEach(m -> {
                if (m.attributes().memory() != Mapping.MemoryType.NORMAL) seen.add(m.kind() + " " + m.attributes().memory());
                if (m.attributes().block() != null) seen.add(m.kind() + " block " + Long.toHexString(m.attributes().block()));
            }));
            assertTrue(seen.containsAll(List.of("SHARED NORMAL_NONCACHEABLE", "SHARED DEVICE", "WINDOW NORMAL_NONCACHEABLE",
                    "RAM block 40000000", "RAM block 200000")), p.board().name() + ": " + seen);
        }
        assertEquals(Set.of("GICV2", "GICV3"), boards);
    }

    /** One VM with 1 GiB of RAM at IPA 0x40000000, placed so that stage 2 maps it with pages, 2 MiB or 1 GiB blocks. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "4 KiB pages  | at pa 0x4800_1000 | 0 | 0      | 262144",
        "2 MiB blocks | hugepages 2 MiB   | 0 | 512    | 0",
        "1 GiB block  | hugepages 1 GiB   | 1 | 0      | 0"})
    void aOneGibVmsTables(String name, String placement, long l1, long l2, long l3, @TempDir Path dir) throws Exception {
        Path system = dir.resolve("system.shy");
        Files.writeString(system, """
                import board "qemu-virt"

                system blocks for qemu-virt {
                    vm one : baremetal {
                        cpus [0]
                        memory @ 0x4000_0000 size 1 GiB %s
                        kernel "hello.bin" @ 0x4000_0000
                    }
                }
                """.formatted(placement));
        Compilation c = Compiler.standard().compile(List.of(system));
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        Plan plan = c.instances().get(0).plan();
        Map<String, Stage2Walk.Result> walks = ReadbackTest.readBack("1 GiB VM, " + name, plan,
                Files.createDirectory(dir.resolve("run")));
        Stage2Walk.Result w = walks.get("one");
        long ram = 0x4000_0000L;
        long inRamL1 = 0, inRamL2 = 0, inRamL3 = 0;
        for (Stage2Walk.Mapping m : w.leaves()) {
            if (Long.compareUnsigned(m.ipa() - ram, 1L << 30) >= 0) continue;
            switch (m.label()) {
                case "L1 block" -> inRamL1++;
                case "L2 block" -> inRamL2++;
                default -> inRamL3++;
            }
        }
        assertEquals(List.of(l1, l2, l3), List.of(inRamL1, inRamL2, inRamL3), "leaves mapping the RAM");
        System.out.printf("MEASURE memattr 1 GiB VM with %s: %d stage-2 table pages (%d KiB) for the whole VM; the RAM in "
                + "%d L1 blocks, %d L2 blocks, %d pages%n", name, w.tablePages().size(), w.tablePages().size() * 4, inRamL1, inRamL2,
                inRamL3);
    }

    /**
     * `stage2-blocks off` (QEMU's boards): RAM placed on a 2 MiB boundary, which stage 2 would map with blocks, is mapped
     * with 4 KiB pages; the same plan with blocks allowed maps it with 2 MiB blocks. The read-back also checks every
     * leaf of every VM against the flag (ReadbackTest.checkPagesOnly).
     */
    @Test
    void aBoardWithoutStage2BlocksMapsAlignedRamWithPages(@TempDir Path dir) throws Exception {
        Path system = dir.resolve("system.shy");
        Files.writeString(system, """
                import board "qemu-virt"

                system pages for qemu-virt {
                    vm one : baremetal {
                        cpus [0]
                        memory @ 0x4000_0000 size 64 MiB at pa 0x4800_0000
                        kernel "hello.bin" @ 0x4000_0000
                    }
                }
                """);
        Compilation c = Compiler.standard().compile(List.of(system));
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        Plan pages = c.instances().get(0).plan();
        assertFalse(pages.hypervisor().blocksAllowed(), "qemu-virt says `stage2-blocks off`");
        org.shyperc.plan.HypervisorPlan h = pages.hypervisor();
        Plan blocks = new Plan(pages.system(), pages.board(), new org.shyperc.plan.HypervisorPlan(h.reserveBase(), h.reserveSize(),
                h.loadAddress(), h.console(), h.timerIrq(), h.ipiSgi(), h.hypercallIrq(), h.colours()), pages.vms(), pages.shared());
        assertEquals(List.of(0L, 16384L), ramLeaves(ReadbackTest.readBack("64 MiB VM, stage2-blocks off", pages,
                Files.createDirectory(dir.resolve("pages"))).get("one")), "2 MiB blocks and pages mapping the RAM");
        assertEquals(List.of(32L, 0L), ramLeaves(ReadbackTest.readBack("64 MiB VM, blocks allowed", blocks,
                Files.createDirectory(dir.resolve("blocks"))).get("one")), "2 MiB blocks and pages mapping the RAM");
    }

    private static List<Long> ramLeaves(Stage2Walk.Result w) {
        long l2 = 0, l3 = 0;
        for (Stage2Walk.Mapping m : w.leaves()) {
            if (Long.compareUnsigned(m.ipa() - 0x4000_0000L, 64L << 20) >= 0) continue;
            if (m.label().equals("L2 block")) l2++;
            else if (m.label().equals("L3 page")) l3++;
        }
        return List.of(l2, l3);
    }
}
