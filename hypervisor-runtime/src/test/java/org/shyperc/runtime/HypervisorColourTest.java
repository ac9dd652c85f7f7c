package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Cache colouring of the hypervisor itself (issue 13): examples/qemu-virt-coloured keeps colours 28 to 31 for the
 * hypervisor. Booted on GICv2 and on GICv3 until every vCPU has printed, then stopped and read back through QEMU's
 * gdbstub: the EL2 translation tables (TTBR0_EL2, walked as the MMU walks them) and every core's stage-2 tables. Every
 * page the runtime's image and blob run from (the load address to the blob's last page), every stack page (the
 * window at the top of the reservation), every EL2 and stage-2 table page and every page of the pool a VM maps (the
 * console's read page) has one of the hypervisor's colours and none of a VM's; the image's addresses no longer reach
 * the image as loaded (they reach its copy); the payloads after the blob are mapped non-cacheable.
 * {@link #theCheckFailsOnAPageOfAnotherColour} shows the check can fail.
 */
class HypervisorColourTest {
    private static final long PAGE = 4096;

    /** What the check needs to know about the system. */
    record Facts(long load, long imageEnd, long payloadEnd, long reserveBase, long reserveEnd, Set<Integer> hyp, int count,
                 Map<Integer, String> vmColours) {
        int colour(long pa) { return (int) ((pa / PAGE) % count); }

        /** Problems with one page the hypervisor uses: not of its colours, or of a VM's. */
        void page(String what, long pa, List<String> problems) {
            int c = colour(pa);
            if (!hyp.contains(c)) {
                problems.add(String.format("%s PA 0x%x has colour %d, not one of the hypervisor's %s", what, pa, c, hyp));
            }
            if (vmColours.containsKey(c)) {
                problems.add(String.format("%s PA 0x%x has colour %d, vm %s's", what, pa, c, vmColours.get(c)));
            }
        }
    }

    static Facts facts(Plan plan, ImageLinker.LinkedImage image) {
        HypervisorPlan h = plan.hypervisor();
        assertNotNull(h.colours(), "the plan gives the hypervisor no colours");
        Map<Integer, String> vm = new TreeMap<>();
        for (VmPlan v : plan.vms()) {
            for (var m : v.mappings()) {
                if (m.coloured()) for (int c : m.attributes().colouring().colours()) vm.put(c, v.name());
            }
        }
        long imageEnd = image.loadAddress() + (image.blobOffset() + image.blobSize() + PAGE - 1) / PAGE * PAGE;
        return new Facts(h.loadAddress(), imageEnd, image.loadAddress() + image.bin().length, h.reserveBase(),
                h.reserveBase() + h.reserveSize(), new TreeSet<>(h.colours().colours()), h.colours().count(), vm);
    }

    /**
     * Every problem with what the tables say: {@code el2} the EL2 stage-1 walk (leaves by virtual address, its table
     * pages), {@code stage2} each VM's walk. Also counts what was checked into {@code counts} (image, stack, table and
     * pool pages), so that a test can show it was not vacuous.
     */
    static List<String> check(Facts f, Stage2Walk.Result el2, Map<String, Stage2Walk.Result> stage2,
                              Map<String, Integer> counts) {
        List<String> problems = new ArrayList<>();
        el2.anomalies().forEach(a -> problems.add("EL2 tables: " + a));
        // the image: every page of the runtime and its blob mapped, to a copy, of the hypervisor's colours
        for (long va = f.load(); va < f.imageEnd(); va += PAGE) {
            Stage2Walk.Mapping m = leaf(el2, va);
            if (m == null) {
                problems.add(String.format("image page VA 0x%x is not mapped at EL2", va));
                continue;
            }
            long pa = m.paAt(va);
            if (pa == va) problems.add(String.format("image page VA 0x%x still reaches the image as loaded", va));
            f.page(String.format("image page VA 0x%x:", va), pa, problems);
            counts.merge("image pages", 1, Integer::sum);
        }
        // the payloads after the blob, read again when a VM restarts: mapped where they are, past the cache (AttrIndx 2)
        for (long va = f.imageEnd(); va < f.payloadEnd(); va += PAGE) {
            Stage2Walk.Mapping m = leaf(el2, va);
            if (m == null || m.paAt(va) != va || m.attrs().memAttr() != 2) {
                problems.add(String.format("payload page VA 0x%x is not mapped to itself non-cacheable: %s", va, m));
            }
            counts.merge("payload pages", 1, Integer::sum);
        }
        // everything else EL2 maps elsewhere than where it is, inside the reservation: the stacks
        for (Stage2Walk.Mapping m : el2.leaves()) {
            if (m.ipa() < f.reserveBase() || m.ipa() >= f.reserveEnd() || m.pa() == m.ipa()) continue;
            if (m.ipa() >= f.load() && m.ipa() < f.imageEnd()) continue;
            for (long o = 0; o < m.size(); o += PAGE) {
                f.page(String.format("EL2 page VA 0x%x:", m.ipa() + o), m.pa() + o, problems);
            }
            counts.merge("stack pages", (int) (m.size() / PAGE), Integer::sum);
        }
        for (long t : el2.tablePages()) {
            f.page("EL2 table page", t, problems);
            counts.merge("EL2 table pages", 1, Integer::sum);
        }
        stage2.forEach((vm, w) -> {
            for (long t : w.tablePages()) {
                f.page("vm " + vm + " stage-2 table page", t, problems);
                counts.merge("stage-2 table pages", 1, Integer::sum);
            }
            // pages of the hypervisor's own a VM maps (the console's read page): in the reservation
            for (Stage2Walk.Mapping m : w.leaves()) {
                if (m.pa() < f.reserveBase() || m.pa() >= f.reserveEnd()) continue;
                for (long o = 0; o < m.size(); o += PAGE) f.page("vm " + vm + " page IPA 0x" + Long.toHexString(m.ipa() + o)
                        + " of the hypervisor's", m.pa() + o, problems);
                counts.merge("pool pages mapped by VMs", (int) (m.size() / PAGE), Integer::sum);
            }
        });
        return problems;
    }

    private static Stage2Walk.Mapping leaf(Stage2Walk.Result w, long va) {
        for (Stage2Walk.Mapping m : w.leaves()) if (m.covers(va)) return m;
        return null;
    }

    /** TTBR0_EL2 under TCR_EL2 read as a stage-2 walk starting at level 1 (the same descriptors' addresses, T0SZ). */
    static Stage2Walk.Result walkEl2(long tcr, long ttbr0, Stage2Walk.PhysicalMemory mem) {
        assertEquals(25, tcr & 0x3f, "TCR_EL2.T0SZ");
        return Stage2Walk.walk((tcr & 0x3f) | (1L << 6) | (tcr & (3L << 14)), ttbr0 & 0x0000_ffff_ffff_fffeL, mem);
    }

    static Plan compile(String file) {
        Path p = ExampleSystemsTest.ROOT.resolve("examples/qemu-virt-coloured").resolve(file);
        Compilation c = Compiler.standard().compile(List.of(p));
        assertTrue(!c.hasErrors(), c.diagnostics().toString());
        return c.instances().get(0).plan();
    }

    @ParameterizedTest
    @ValueSource(strings = {"system.shy", "gicv3.shy"})
    void theHypervisorRunsInItsColoursOnly(String file, @TempDir Path dir) throws Exception {
        Plan plan = ReadbackTest.holding(compile(file));         // the guests keep running until the tables are read
        Map<String, String> guests = new TreeMap<>();
        plan.vms().forEach(v -> guests.put(v.name(), "hello"));
        ImageLinker.LinkedImage image = TestImages.link(plan, guests);
        image.write(dir);
        Facts f = facts(plan, image);
        assertEquals(Set.of(28, 29, 30, 31), f.hyp());
        try (QemuSession s = QemuSession.start(Qemu.hypervisorCommand(dir.resolve("shyper.elf"), TestImages.gicVersion(plan)),
                dir, List.of())) {
            boolean up = s.await(lines -> everyVcpu(plan, lines) || lines.stream().anyMatch(l -> l.startsWith("shyper: PANIC")
                    || l.contains("refused")), 120);
            assertTrue(up && everyVcpu(plan, s.lines()), "not every vCPU came up:\n" + s.output());
            try (Qmp qmp = s.qmp()) {
                qmp.stop();
                try (GdbRemote gdb = s.gdb()) {
                    List<String> threads = gdb.threads();
                    assertEquals(4, threads.size());
                    Map<String, Stage2Walk.Result> stage2 = new TreeMap<>();
                    Stage2Walk.Result el2 = null;
                    long ttbr = -1;
                    for (int core = 0; core < threads.size(); core++) {
                        String t = threads.get(core);
                        long ttbr0 = gdb.register(t, "TTBR0_EL2");
                        assertTrue(ttbr == -1 || ttbr == ttbr0, "cores run on different EL2 tables");
                        ttbr = ttbr0;
                        assertEquals(1, gdb.register(t, "SCTLR_EL2") & 1, "core " + core + " runs with its EL2 MMU off");
                        if (el2 == null) el2 = walkEl2(gdb.register(t, "TCR_EL2"), ttbr0, qmp);
                        long vttbr = gdb.register(t, "VTTBR_EL2");
                        String vm = plan.vms().get((int) (vttbr >>> 48) - 1).name();
                        stage2.putIfAbsent(vm, Stage2Walk.walk(gdb.register(t, "VTCR_EL2"), vttbr, qmp));
                    }
                    assertEquals(3, stage2.size(), stage2.keySet().toString());
                    Map<String, Integer> counts = new TreeMap<>();
                    List<String> problems = check(f, el2, stage2, counts);
                    System.out.printf("MEASURE hypervisor colours %s: %s, all of colours %s of %d%n", file, counts, f.hyp(),
                            f.count());
                    assertTrue(problems.isEmpty(), problems.size() + " problems:\n  " + String.join("\n  ", problems));
                    // not vacuous: the whole image, a stack per core (4 pages each), tables at both stages, the console page
                    assertEquals((int) ((f.imageEnd() - f.load()) / PAGE), counts.get("image pages"));
                    assertTrue(counts.getOrDefault("stack pages", 0) >= 4 * 4, counts.toString());
                    assertTrue(counts.getOrDefault("EL2 table pages", 0) >= 3, counts.toString());
                    assertTrue(counts.getOrDefault("stage-2 table pages", 0) >= 3, counts.toString());
                    assertTrue(counts.getOrDefault("pool pages mapped by VMs", 0) >= 1, counts.toString());
                    assertTrue(counts.getOrDefault("payload pages", 0) >= 3, counts.toString());
                    qmp.execute("quit", Map.of());
                }
            }
        }
    }

    /**
     * The lifecycle example with the hypervisor in colours 28 to 31 (its VMs uncoloured): a VM that faults and one whose
     * watchdog expires are restarted from their payloads, which the coloured runtime reads past the cache, and run to
     * the end after it; the system powers off cleanly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"qemu-virt", "qemu-virt-gicv3"})
    void aColouredHypervisorRestartsVmsFromItsPayloads(String board, @TempDir Path dir) throws Exception {
        Path example = ExampleSystemsTest.ROOT.resolve("examples/qemu-virt-lifecycle/system.shy");
        Path boards = ExampleSystemsTest.ROOT.resolve("examples/qemu-virt-coloured/boards");
        String text = java.nio.file.Files.readString(example)
                .replace("import board \"qemu-virt\"\n", "import \"" + boards.resolve("qemu-virt-coloured.shy") + "\"\n")
                .replace("import board \"qemu-virt-gicv3\"\n", "import \"" + boards.resolve("qemu-virt-gicv3-coloured.shy") + "\"\n")
                .replace("for qemu-virt, qemu-virt-gicv3 {", "for qemu-virt-coloured, qemu-virt-gicv3-coloured {");
        Compilation c = Compiler.standard().compileSource(new org.shyperc.dsl.source.SourceFile("system.shy", example, text));
        assertTrue(!c.hasErrors(), c.diagnostics().toString());
        Plan plan = c.instances().stream().map(Compilation.Placed::plan)
                .filter(p -> p.board().name().equals(board + "-coloured")).findFirst().orElseThrow();
        assertNotNull(plan.hypervisor().colours());
        Map<String, String> guests = new TreeMap<>();
        plan.vms().forEach(v -> guests.put(v.name(), "life"));
        Qemu.Result r = TestImages.boot(plan, guests, dir, 150);
        String o = r.output();
        assertTrue(o.contains("shyper: vm crasher restarting (stage-2 fault)"), o);
        assertTrue(o.contains("[crasher] life: 20 beats done on boot 2"), o);
        assertTrue(o.contains("shyper: vm watched restarting (watchdog expired)"), o);
        assertTrue(o.contains("[watched] life: boot 2 at "), o);
        // (on a loaded machine QEMU may stall long enough for a second expiry: any later boot ends it)
        assertTrue(o.contains("[watched] life: 20 beats done on boot "), o);
        assertTrue(o.contains("[waiter] life: 10 beats done on boot 1"), o);
        assertTrue(!o.contains("ERROR") && !o.contains("PANIC"), o);
        assertEquals(0, r.exitCode(), o);
    }

    private static boolean everyVcpu(Plan plan, List<String> lines) {
        for (VmPlan vm : plan.vms()) {
            for (int v = 0; v < vm.cpus().size(); v++) {
                if (!lines.contains("[" + vm.name() + "] vcpu " + v + ": hello (mpidr 0x8000000" + v + ", el1)")) return false;
            }
        }
        return true;
    }

    /**
     * The check can fail (no QEMU): tables that keep everything in colours 28 to 31 pass; an image page left where it
     * was loaded, an image page copied to a VM's colour, a table page of another colour and a stack page of a VM's
     * colour are each reported.
     */
    @Test
    void theCheckFailsOnAPageOfAnotherColour() {
        Facts f = new Facts(0x4008_0000L, 0x4008_2000L, 0x4008_2000L, 0x4000_0000L, 0x4800_0000L, Set.of(28, 29, 30, 31), 32,
                Map.of(8, "alpha", 0, "beta"));
        Stage2Walk.Attributes a = Stage2Walk.Attributes.normalWriteBack(true);
        long good = 0x4010_0000L + 28 * PAGE;                    // colour 28
        List<Stage2Walk.Mapping> leaves = List.of(
                new Stage2Walk.Mapping("L3 page", 0x4008_0000L, good, PAGE, a),
                new Stage2Walk.Mapping("L3 page", 0x4008_1000L, good + 32 * PAGE, PAGE, a),
                new Stage2Walk.Mapping("L3 page", 0x47ff_f000L, good + 64 * PAGE + PAGE, PAGE, a));       // a stack page, 29
        Stage2Walk.Result el2 = new Stage2Walk.Result(leaves, List.of(good + 96 * PAGE), List.of(), 39, 1, 0);
        Map<String, Stage2Walk.Result> s2 = Map.of("alpha", new Stage2Walk.Result(List.of(), List.of(good + 128 * PAGE),
                List.of(), 39, 1, 1));
        assertEquals(List.of(), check(f, el2, s2, new TreeMap<>()));

        List<Stage2Walk.Mapping> left = new ArrayList<>(leaves);
        left.set(0, new Stage2Walk.Mapping("L3 page", 0x4008_0000L, 0x4008_0000L, PAGE, a));      // not copied (colour 0)
        List<String> p = check(f, new Stage2Walk.Result(left, el2.tablePages(), List.of(), 39, 1, 0), s2, new TreeMap<>());
        assertTrue(p.stream().anyMatch(s -> s.contains("still reaches the image as loaded")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.endsWith("vm beta's")), p::toString);

        List<Stage2Walk.Mapping> wrong = new ArrayList<>(leaves);
        wrong.set(1, new Stage2Walk.Mapping("L3 page", 0x4008_1000L, 0x4010_0000L + 8 * PAGE, PAGE, a));    // alpha's colour
        wrong.set(2, new Stage2Walk.Mapping("L3 page", 0x47ff_f000L, 0x4010_0000L + 20 * PAGE, PAGE, a));   // colour 20
        p = check(f, new Stage2Walk.Result(wrong, List.of(0x4010_0000L + 3 * PAGE), List.of(), 39, 1, 0),
                Map.of("alpha", new Stage2Walk.Result(List.of(), List.of(0x4010_0000L + 8 * PAGE), List.of(), 39, 1, 1)),
                new TreeMap<>());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("image page VA 0x40081000:") && s.endsWith("vm alpha's")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("EL2 page VA 0x47fff000:") && s.contains("colour 20")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("EL2 table page") && s.contains("colour 3")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("vm alpha stage-2 table page") && s.endsWith("vm alpha's")),
                p::toString);
    }
}
