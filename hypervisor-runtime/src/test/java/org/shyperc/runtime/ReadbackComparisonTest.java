package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.PlanJson;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Plan;

/**
 * The readback's comparison can fail: a machine state built here exactly as plan.json says (stage-2 tables written
 * page by page from the architecture's descriptor format, the cores' registers, the runtime's SPI owner table, the
 * distributor) passes {@link ReadbackTest}'s checks, and each single tampering with it, or with the plan, is reported
 * with what differs. What ReadbackTest reads from QEMU goes through these same checks.
 */
class ReadbackComparisonTest {

    /** 39-bit IPA (T0SZ 25), start at level 1 (SL0 = 1), 4 KiB granule: what VTCR_EL2 holds. */
    static final long VTCR = 25 | (1L << 6);
    static final long BLOCK = 0x20_0000;
    static final long GIB = 0x4000_0000;

    /** A machine in the state plan.json describes; the tests change one thing in it at a time. */
    static final class Machine {
        final PlanExpectations want;
        final Map<Long, Long> memory = new HashMap<>();
        final Map<Integer, long[]> regs = new TreeMap<>();
        final Map<String, Long> roots = new HashMap<>();
        final byte[] owners = new byte[1024];
        final boolean[] enabled;
        final List<TreeSet<Integer>> targets = new ArrayList<>();
        final List<String> distributorProblems = new ArrayList<>();
        final List<String> console = new ArrayList<>();
        private long nextTable;

        Machine(PlanExpectations want) {
            this.want = want;
            nextTable = want.reserveBase() + want.reserveSize() - 0x10_0000;
            for (PlanExpectations.Vm vm : want.vms()) {
                long root = table();
                roots.put(vm.name(), root);
                for (Stage2Walk.Mapping m : vm.stage2()) {
                    // as the runtime: blocks where alignment allows, unless the board says `stage2-blocks off` (then only
                    // in `hugepages` RAM)
                    boolean blocks = want.stage2Blocks()
                            || vm.inHugepages(m.ipa());
                    for (long off = 0; off < m.size(); ) {
                        long ipa = m.ipa() + off, pa = m.pa() + off;
                        boolean gib = blocks && ((ipa | pa) & (GIB - 1)) == 0 && m.size() - off >= GIB;
                        boolean block = blocks && ((ipa | pa) & (BLOCK - 1)) == 0 && m.size() - off >= BLOCK;
                        map(root, ipa, pa, m.attrs(), gib ? 1 : block ? 2 : 3);
                        off += gib ? GIB : block ? BLOCK : 4096;
                    }
                }
                if (vm.consolePage() >= 0) {
                    map(root, vm.consolePage(), want.reserveBase() + 0x1000, new Stage2Walk.Attributes(0x1, 1, 0, true, 2), 3);
                }
                for (int v = 0; v < vm.cores().size(); v++) {
                    regs.put(vm.cores().get(v), new long[] {(long) (vm.id() + 1) << 48 | root, VTCR, 0x8000_0001L,
                            0x8000_0000L | v});
                }
                for (int spi : vm.spis()) {
                    owners[spi] = (byte) (vm.id() + 1);
                }
                TreeSet<Integer> own = new TreeSet<>(vm.spis());
                own.addAll(vm.virtualSpis());
                console.add("[" + vm.name() + "] grab: " + own.size() + " SPIs enabled " + own);
            }
            enabled = new boolean[want.lines()];
            for (int i = 0; i < want.lines(); i++) {
                PlanExpectations.Vm o = i >= 32 ? want.ownerOf(i) : null;
                enabled[i] = o != null || (i == want.consoleSpi() && want.consoleInput());
                targets.add(new TreeSet<>(o != null ? List.of(o.cores().get(o.cores().size() - 1))
                        : enabled[i] ? List.of(0) : List.of()));
            }
        }

        private long table() {
            long t = nextTable;
            nextTable += 4096;
            return t;
        }

        /** Maps one 4 KiB page. */
        void map(long root, long ipa, long pa, Stage2Walk.Attributes a) {
            map(root, ipa, pa, a, 3);
        }

        /**
         * Maps one 1 GiB block (level 1), 2 MiB block (level 2) or 4 KiB page (level 3) from the level-1 table {@code root}, making the tables
         * it needs; a page inside a block splits the block into 512 pages of the same translation first.
         */
        void map(long root, long ipa, long pa, Stage2Walk.Attributes a, int leafLevel) {
            memory.put(entry(root, ipa, leafLevel), pa | (leafLevel == 3 ? 3 : 1) | (long) a.memAttr() << 2
                    | (long) a.s2ap() << 6 | (long) a.sh() << 8 | (a.af() ? 1L << 10 : 0) | (long) a.xn() << 53);
        }

        /** The PA of the descriptor for {@code ipa} at {@code leafLevel}, with the tables above it. */
        private long entry(long root, long ipa, int leafLevel) {
            long t = root;
            for (int level = 1; level < leafLevel; level++) {
                long at = t + 8 * ((ipa >>> Stage2Walk.shift(level)) & 511);
                long d = memory.getOrDefault(at, 0L);
                if ((d & 3) != 3) {
                    long next = table();
                    if ((d & 3) == 1) {                                         // a block: the same translation in pages
                        long step = 1L << Stage2Walk.shift(level + 1), bits = level + 1 == 3 ? 3 : 1;
                        for (int i = 0; i < 512; i++) {
                            memory.put(next + 8L * i, (d & ~3L) + i * step | bits);
                        }
                    }
                    d = next | 3;
                    memory.put(at, d);
                }
                t = d & 0x0000_ffff_ffff_f000L;
            }
            return t + 8 * ((ipa >>> Stage2Walk.shift(leafLevel)) & 511);
        }

        /** Unmaps the page at {@code ipa}. */
        void unmap(long root, long ipa) {
            assertTrue(memory.remove(entry(root, ipa, 3)) != null, "nothing mapped at " + Long.toHexString(ipa));
        }

        /** Every problem ReadbackTest's checks find in this machine. */
        List<String> problems() {
            List<String> out = new ArrayList<>();
            ReadbackTest.checkStage2(want, regs, pa -> memory.getOrDefault(pa, 0L), out);
            ReadbackTest.compareOwners(want, owners, out);
            ReadbackTest.checkDistributor(want, new Distributor(want.lines(), enabled, targets, distributorProblems), out);
            ReadbackTest.checkGuestView(want, console, out);
            return out;
        }
    }

    static Stream<Arguments> plans() {
        return Stream.of(Arguments.of("isolation (GICv2)", TestPlans.isolation()),
                Arguments.of("isolation (GICv3)", TestPlans.onGicv3(TestPlans.isolation())));
    }

    static Machine machine(Plan plan) {
        return new Machine(PlanExpectations.of(PlanJson.write(plan)));
    }

    /** The machine after {@code tamper} has exactly one problem per expected fragment, each naming it. */
    static void found(Plan plan, Consumer<Machine> tamper, String... fragments) {
        Machine m = machine(plan);
        tamper.accept(m);
        List<String> p = m.problems();
        assertEquals(fragments.length, p.size(), String.join("\n", p));
        for (int i = 0; i < fragments.length; i++) {
            assertTrue(p.get(i).contains(fragments[i]), "expected «" + fragments[i] + "» in\n" + String.join("\n", p));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void aMachineAsThePlanSaysHasNoProblem(String name, Plan plan) {
        Machine m = machine(plan);
        assertEquals(List.of(), m.problems());
        Stage2Walk.Result attacker = Stage2Walk.walk(VTCR, m.regs.get(1)[0], pa -> m.memory.getOrDefault(pa, 0L));
        // qemu-virt says `stage2-blocks off`
        assertEquals(0, attacker.count("L2 block"), "64 MiB of RAM in pages");
        assertEquals(16384 + (m.want.gic().equals("GICV2") ? 6 : 4), attacker.count("L3 page"),
                "RAM, windows, GPIO, GICV, console page");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void aBlockWhereTheBoardSaysPagesIsFound(String name, Plan plan) {
        // The attacker's first 2 MiB of RAM as one block: the same translation, which only the pages check sees.
        found(plan, m -> m.map(m.roots.get("attacker"), 0x8000_0000L, pa(m, "attacker", 0x8000_0000L),
                        Stage2Walk.Attributes.normalWriteBack(true), 2),
                "vm attacker: the board says `stage2-blocks off`, but the tables map 1 leaves larger than a page, the first at "
                        + "IPA 0x80000000 (L2 block of 0x200000 bytes)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void anExtraPageIsFound(String name, Plan plan) {
        // The hypervisor's own image, read-only, at an IPA the victim has nothing at.
        found(plan, m -> m.map(m.roots.get("victim"), 0x7f_0000_0000L, 0x4008_0000L,
                        Stage2Walk.Attributes.normalWriteBack(false)),
                "vm victim: IPA [0x7f00000000, 0x7f00001000): the tables map PA 0x40080000 ro normal-wb inner-shareable, "
                        + "the plan maps nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void aMissingPageAnotherPaAndEveryAttributeAreFound(String name, Plan plan) {
        Stage2Walk.Attributes rw = Stage2Walk.Attributes.normalWriteBack(true);
        found(plan, m -> {
            long root = m.roots.get("attacker");
            m.unmap(root, 0x8000_0000L);                                                         // RAM's first page gone
            m.map(root, 0x8000_1000L, 0x5000_1000L, rw);                                         // the victim's RAM
            m.map(root, 0x8000_2000L, 0x5800_2000L, new Stage2Walk.Attributes(0xf, 3, 0, true, 0));  // non-shareable
            m.map(root, 0x8000_3000L, 0x5800_3000L, new Stage2Walk.Attributes(0x5, 3, 3, true, 0));  // non-cacheable
            m.map(root, 0x8000_4000L, 0x5800_4000L, new Stage2Walk.Attributes(0xf, 3, 3, false, 0)); // access flag clear
            m.map(root, 0x9100_0000L, 0x5c00_1000L, rw);                                         // read-only window writable
            m.map(root, 0x0903_0000L, 0x0903_0000L, new Stage2Walk.Attributes(0x1, 3, 0, true, 0));  // device executable
            m.map(root, 0x8000_5000L, 0x5800_5000L, Stage2Walk.Attributes.deviceNGnRE());        // RAM as device
        },
                "IPA [0x9030000, 0x9031000) (passthrough gpio): the plan maps PA 0x9030000 rw device-nGnRE xn, the tables PA 0x9030000 rw device-nGnRE",
                "IPA [0x80000000, 0x80001000) (memory): the plan maps PA 0x58000000 rw normal-wb inner-shareable, the tables map nothing",
                "IPA [0x80001000, 0x80002000) (memory): the plan maps PA 0x58001000 rw normal-wb inner-shareable, the tables PA 0x50001000",
                "the tables PA 0x58002000 rw normal-wb non-shareable",
                "the tables PA 0x58003000 rw normal-nc inner-shareable",
                "the tables PA 0x58004000 rw normal-wb inner-shareable access-flag-clear",
                "the tables PA 0x58005000 rw device-nGnRE xn",
                "IPA [0x91000000, 0x91001000) (shared notice): the plan maps PA 0x5c001000 ro normal-wb inner-shareable, "
                        + "the tables PA 0x5c001000 rw");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void theCoresRegistersAreChecked(String name, Plan plan) {
        found(plan, m -> {
            m.regs.get(0)[2] &= ~1L;                                             // victim's core: stage 2 off
            m.regs.get(2)[3] = 0x8000_0000L;                                     // attacker vCPU 1 says it is vCPU 0
        }, "core 2: VMPIDR_EL2 0x80000000, but the plan runs vm attacker vcpu 1 there",
                "core 0 (vm victim vcpu 0): HCR_EL2 0x80000000 has stage 2 off");
        found(plan, m -> m.regs.get(2)[0] = m.regs.get(0)[0] & 0xffff_ffff_ffffL | 1L << 48,
                "vm attacker: core 2 has VTTBR_EL2");                            // its second core on the victim's tables
        found(plan, m -> m.regs.get(0)[0] = m.regs.get(0)[0] & 0xffff_ffff_ffffL | 1L << 48,
                "vm victim shares VMID 1 with vm id 0");
        // The attacker's cores under the victim's tables and VMID: the attacker's translation is the victim's.
        Machine m = machine(plan);
        m.regs.get(1)[0] = m.regs.get(2)[0] = m.regs.get(0)[0];
        List<String> p = m.problems();
        assertTrue(p.contains("vm victim shares VMID 2 with vm id 0"), String.join("\n", p));
        assertTrue(p.contains("vm victim shares its stage-2 tables with vm attacker"), String.join("\n", p));
        assertTrue(p.contains("vm attacker: IPA [0x40000000, 0x40001000): the tables map PA 0x50000000 rw normal-wb "
                + "inner-shareable, the plan maps nothing"), String.join("\n", p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void tablesOutsideTheReservationOrInAVmsReachAreFound(String name, Plan plan) {
        found(plan, m -> {
            long root = m.roots.get("attacker"), l1 = root + 8 * 2;              // IPA 0x8000_0000 is under L1 entry 2
            long l2 = m.memory.get(l1) & 0x0000_ffff_ffff_f000L, moved = 0x5800_0000L + 0x10_0000;
            for (int i = 0; i < 512; i++) {                                      // the L2 table copied into the VM's RAM
                Long d = m.memory.get(l2 + 8L * i);
                if (d != null) {
                    m.memory.put(moved + 8L * i, d);
                }
            }
            m.memory.put(l1, moved | 3);
        }, "vm attacker: a stage-2 table page at PA 0x58100000 is outside the hypervisor's reservation",
                "vm attacker maps the stage-2 table page at PA 0x58100000 (IPA 0x80100000)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void descriptorsTheArchitectureDoesNotAllowAreFound(String name, Plan plan) {
        found(plan, m -> {
            long l1 = m.roots.get("victim") + 8 * 1;                             // IPA 0x4000_0000
            m.memory.put(l1, m.memory.get(l1) | 1L << 63);
        }, "vm victim: level 1 entry at PA");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void theSpiOwnerTableIsChecked(String name, Plan plan) {
        found(plan, m -> {
            m.owners[40] = 1;
            m.owners[34] = 0;
            m.owners[39] = 2;
        }, "the runtime's owner of SPI 34 is nobody, the plan's vm victim",
                "the runtime's owner of SPI 39 is vm id 1, the plan's vm attacker",
                "the runtime's owner of SPI 40 is vm id 0, the plan's nobody");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void theDistributorsEnablesAndRoutesAreChecked(String name, Plan plan) {
        found(plan, m -> {
            m.enabled[35] = true;                                                // nobody's
            m.targets.get(35).add(1);
            m.targets.get(39).add(0);                                            // the attacker's, to the victim's core
            m.enabled[34] = false;                                               // the victim's, disabled
            m.targets.get(33).clear();                                           // console input, to no core
            m.targets.get(33).add(1);
            m.enabled[80] = true;                                                // virtio: emulated, never physical
        }, "the hypervisor console's SPI 33 is routed to cores [1], not the boot core 0",
                "SPI 34 of vm victim is disabled, though its guest enabled it",
                "SPI 35 is enabled (routed to cores [1]), but the plan gives it to no VM",
                "SPI 39 of vm attacker (cores [1, 2]) is routed to cores [0, 2]",
                "SPI 80 is enabled (routed to cores [])");
        found(plan, m -> m.distributorProblems.add("the replayed GICD_ISENABLER at 0x104 is 0x4 but QEMU read 0x6"),
                "the replayed GICD_ISENABLER");
        found(plan, m -> m.enabled[33] = false, "the hypervisor console's SPI 33 is disabled, but a virtio console");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void whatTheGuestsSawIsChecked(String name, Plan plan) {
        found(plan, m -> m.console.set(0, "[attacker] grab: 3 SPIs enabled"), "vm attacker should see its 2 SPIs [39, 80]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void aTamperedPlanIsFoundToo(String name, Plan plan) throws Exception {
        // The machine as the plan says, compared with a plan.json edited so that the victim has a page less RAM and
        // the attacker's GPIO also has SPI 40.
        Machine same = machine(plan);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(PlanJson.write(plan));
        ObjectNode victimRam = (ObjectNode) json.get("vms").get(1).get("memory").get(0);
        victimRam.put("size", "0x" + Long.toHexString(PlanExpectations.hex(victimRam.get("size")) - 4096));
        ((ArrayNode) json.get("vms").get(0).get("passthrough").get(0).get("irqs")).add(40);
        PlanExpectations want = PlanExpectations.of(json.toString());
        List<String> out = new ArrayList<>();
        ReadbackTest.checkStage2(want, same.regs, pa -> same.memory.getOrDefault(pa, 0L), out);
        ReadbackTest.compareOwners(want, same.owners, out);
        ReadbackTest.checkDistributor(want, new Distributor(want.lines(), same.enabled, same.targets, List.of()), out);
        assertEquals(List.of(
                "vm victim: IPA [0x43fff000, 0x44000000): the tables map PA 0x53fff000 rw normal-wb inner-shareable, the plan maps nothing",
                "the runtime's owner of SPI 40 is nobody, the plan's vm attacker",
                "SPI 40 of vm attacker is disabled, though its guest enabled it",
                "SPI 40 of vm attacker (cores [1, 2]) is routed to cores []"), out);
    }

    /** examples/qemu-virt-memattr on GICv2 and GICv3: `hugepages 1 GiB` and `2 MiB` RAM, `nocache` and `device` regions. */
    static Stream<Arguments> memattr() {
        Plan v2 = ExampleSystemsTest.compile("qemu-virt-memattr");
        Compilation c = Compiler.standard().compile(List.of(ExampleSystemsTest.ROOT.resolve("examples/qemu-virt-memattr/system.shy")));
        Plan v3 = c.instances().stream().map(Compilation.Placed::plan).filter(p -> p.board().name().equals("qemu-virt-gicv3"))
                .findFirst().orElseThrow();
        return Stream.of(Arguments.of("memattr (GICv2)", v2), Arguments.of("memattr (GICv3)", v3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memattr")
    void aMachineWithMemoryAttributesAsThePlanSaysHasNoProblem(String name, Plan plan) {
        Machine m = machine(plan);
        assertEquals(List.of(), m.problems());
        Stage2Walk.Result big = Stage2Walk.walk(VTCR, m.regs.get(0)[0], pa -> m.memory.getOrDefault(pa, 0L));
        assertEquals(1, big.count("L1 block"), "1 GiB of RAM in one 1 GiB block (`hugepages`)");
        assertEquals(0, big.count("L2 block"), "the 64 MiB window and the 2 MiB ring in pages (`stage2-blocks off`)");
        Stage2Walk.Mapping ring = big.leaves().stream().filter(l -> l.ipa() == 0x1_0000_0000L).findFirst().orElseThrow();
        assertEquals("rw normal-nc outer-shareable", ring.attrs().meaning());
        Stage2Walk.Mapping bells = Stage2Walk.walk(VTCR, m.regs.get(1)[0], pa -> m.memory.getOrDefault(pa, 0L)).leaves().stream()
                .filter(l -> l.ipa() == 0x1020_0000L).findFirst().orElseThrow();
        assertEquals("ro device-nGnRE xn", bells.attrs().meaning());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memattr")
    void aWrongMemoryTypeIsFound(String name, Plan plan) {
        found(plan, m -> {
            long big = m.roots.get("big"), small = m.roots.get("small");
            long ring = pa(m, "big", 0x1_0000_0000L), bells = pa(m, "small", 0x1020_0000L), window = 0x0400_0000L;
            m.map(big, 0x1_0000_0000L, ring, Stage2Walk.Attributes.normalWriteBack(true));          // `nocache` cached
            m.map(small, 0x1020_0000L, bells, Stage2Walk.Attributes.normalNonCacheable(false));    // `device` as Normal
            m.map(big, window, window, Stage2Walk.Attributes.deviceNGnRE());                      // `nocache` window as Device
        },
                "IPA [0x4000000, 0x4001000) (window): the plan maps PA 0x4000000 rw normal-nc outer-shareable, the tables PA "
                        + "0x4000000 rw device-nGnRE xn",
                String.format("IPA [0x100000000, 0x100001000) (shared ring): the plan maps PA 0x%x rw normal-nc outer-shareable, "
                        + "the tables PA 0x%x rw normal-wb inner-shareable", sharedPa(plan, "ring"), sharedPa(plan, "ring")),
                String.format("IPA [0x10200000, 0x10201000) (shared bells): the plan maps PA 0x%x ro device-nGnRE xn, the tables "
                        + "PA 0x%x ro normal-nc outer-shareable", sharedPa(plan, "bells"), sharedPa(plan, "bells")));
    }

    private static long sharedPa(Plan plan, String region) {
        return plan.shared().stream().filter(s -> s.name().equals(region)).findFirst().orElseThrow().pa();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memattr")
    void aWrongBlockSizeIsFound(String name, Plan plan) {
        // The same translation in smaller pieces: one page of the 1 GiB block and one of a 2 MiB block mapped on their own
        // split them (into 2 MiB blocks, then pages; into pages), which the translation diff does not see.
        found(plan, m -> {
            long big = m.roots.get("big"), small = m.roots.get("small");
            long bigPa = pa(m, "big", 0x4000_0000L), smallPa = pa(m, "small", 0x0);
            m.map(big, 0x4000_0000L, bigPa, Stage2Walk.Attributes.normalWriteBack(true));
            m.map(small, 0x0, smallPa, Stage2Walk.Attributes.normalWriteBack(true));
        },
                "vm big: RAM at IPA [0x40000000, 0x80000000) asks for 0x40000000-byte blocks, but the tables map it with 1023 "
                        + "smaller leaves, the first at IPA 0x40000000 (L3 page of 0x1000 bytes)",
                "vm small: RAM at IPA [0x0, 0x4000000) asks for 0x200000-byte blocks, but the tables map it with 512 smaller "
                        + "leaves, the first at IPA 0x0 (L3 page of 0x1000 bytes)");
    }

    /** The PA the plan maps a VM's IPA to. */
    private static long pa(Machine m, String vm, long ipa) {
        for (PlanExpectations.Vm v : m.want.vms()) {
            if (!v.name().equals(vm)) continue;
            for (Stage2Walk.Mapping s : v.stage2()) if (s.covers(ipa)) return s.paAt(ipa);
        }
        throw new AssertionError("vm " + vm + " maps nothing at 0x" + Long.toHexString(ipa));
    }
}
