package org.shyperc.compiler.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.plan.Colouring;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** Cache colouring in placement: colours picked for shares, every coloured region's pages in its colours, none shared. */
class ColourLayoutTest {

    static Plan plan(String vms) {
        String text = "import \"tests/diagnostics/colour/_llc.shy\"\nsystem s for llc {\n" + vms + "}\n";
        Compilation c = new Compiler(VmMapsTest.ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text));
        assertEquals(List.of(), c.diagnostics().stream().filter(d -> d.isError()).toList());
        return c.instances().get(0).plan();
    }

    static String vm(String name, int core, String memory, String colours) {
        return "    vm " + name + " : baremetal {\n        cpus [" + core + "]\n" + memory
                + "        kernel \"tests/diagnostics/_lib/kernel.bin\" @ 0x4000_0000\n        colours " + colours + "\n    }\n";
    }

    @Test
    void aShareTakesTheFirstRunOfFreeColoursAndListedOnesStayPut() {
        Plan p = plan(vm("a", 0, "        memory @ 0x4000_0000 size 1 MiB\n", "[2, 5]")
                + vm("b", 1, "        memory @ 0x4000_0000 size 1 MiB\n", "2")
                + vm("c", 2, "        memory @ 0x4000_0000 size 1 MiB\n", "3"));
        // the hypervisor keeps 0; a lists 2 and 5; b's 2 are the first free run (3, 4); c's 3 are 1, 6, 7 (no run of 3 is left)
        assertEquals(List.of(2, 5), colouring(p.vm("a")).colours());
        assertEquals(List.of(3, 4), colouring(p.vm("b")).colours());
        assertEquals(List.of(1, 6, 7), colouring(p.vm("c")).colours());
        assertEquals(List.of(new Colouring.Run(3 * 4096, 2 * 4096)), colouring(p.vm("b")).runs());
        assertEquals(2, colouring(p.vm("a")).runs().size());
    }

    @Test
    void everyPageOfAColouredVmHasOneOfItsColoursAndNoPageIsTwoVms() {
        Plan p = plan(vm("a", 0, "        memory @ 0x4000_0000 size 1 MiB\n        memory @ 0x6000_0000 size 36 KiB\n", "[1..3]")
                + vm("b", 1, "        memory @ 0x4000_0000 size 2 MiB\n", "[4, 6] shared")
                + vm("c", 2, "        memory @ 0x4000_0000 size 256 KiB\n", "[6, 7] shared"));
        Set<Long> pages = new HashSet<>();
        for (VmPlan vm : p.vms()) {
            for (VmPlan.Region r : vm.memory()) {
                Colouring c = r.colouring();
                assertEquals(0, r.pa() % c.period(), "a coloured region starts a period");
                assertEquals(c.runCount(r.size()), runs(r), vm.name() + ": runs");
                for (long off = 0; off < r.size(); off += 4096) {
                    long pa = r.paOf(r.ipa() + off);
                    assertTrue(c.colours().contains((int) ((pa >>> 12) % 8)), vm.name() + " page " + off);
                    assertTrue(pa >= r.pa() && pa < r.paSpanEnd(), vm.name() + " page inside its stretch");
                    assertTrue(pages.add(pa), "PA 0x" + Long.toHexString(pa) + " is mapped twice");
                }
            }
        }
        // a: 3 colours, 1 MiB = 256 pages = 86 periods; b and c share colour 6, so c follows b's 2 MiB (256 periods)
        assertEquals(86, p.vm("a").memory().get(0).colouring().periods());
        VmPlan.Region b = p.vm("b").memory().get(0);
        VmPlan.Region c = p.vm("c").memory().get(0);
        assertEquals(b.paSpanEnd(), c.pa());
    }

    /** Runs of consecutive PA pages, counted page by page. */
    private static long runs(VmPlan.Region r) {
        long n = 0;
        long last = -1;
        for (long off = 0; off < r.size(); off += 4096) {
            long pa = r.paOf(r.ipa() + off);
            if (pa != last + 4096) n++;
            last = pa;
        }
        return n;
    }

    private static Colouring colouring(VmPlan vm) {
        return vm.memory().get(0).colouring();
    }
}
