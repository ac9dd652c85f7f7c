package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.PlanJson;
import org.shyperc.codegen.image.Elf64;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Proof that the image does what the plan says (issue 10, part 4): boots every QEMU example and the test plans, stops
 * the machine once every vCPU runs, reads back from QEMU what the runtime built, and compares it with plan.json:
 * <ul>
 * <li>each core's VTTBR_EL2, VTCR_EL2, HCR_EL2 and VMPIDR_EL2 through QEMU's gdbstub: the core runs the vCPU the plan
 *     puts there, under its VM's tables and VMID (one per VM);</li>
 * <li>each VM's stage-2 tables from physical memory (QMP pmemsave), walked by {@link Stage2Walk}: exactly the plan's
 *     mappings (IPA, PA, size, access, memory type, execute-never), nothing else; the tables themselves inside the
 *     hypervisor's reservation and in no VM's map;</li>
 * <li>each VM's console page (where its console window is one page) from physical memory: a console's register values
 *     and nothing else;</li>
 * <li>the runtime's SPI ownership table ({@code spi_owners}, found by its symbol in the runtime ELF) from memory;</li>
 * <li>the physical distributor ({@link Distributor}): after every VM tried to enable and route every SPI to itself,
 *     exactly the SPIs the plan gives a VM are enabled, each routed only to cores of its owner; every other SPI is
 *     disabled, but the hypervisor's console input.</li>
 * </ul>
 * Every VM runs the {@code hello} test guest with {@code ticks=ffffffff grab=1} in place of its kernel: it grabs the
 * SPIs, then ticks for ever, so the machine holds still in its running state while it is read.
 */
class ReadbackTest {

    static final String BOOTARGS = "ticks=ffffffff grab=1";

    static Stream<Arguments> systems() {
        List<Arguments> out = new ArrayList<>();
        for (Path file : qemuExamples()) {
            Compilation c = Compiler.standard().compile(List.of(file));
            assertTrue(!c.hasErrors(), c.diagnostics().toString());
            c.instances().forEach(i -> out.add(Arguments.of("examples/" + file.getParent().getFileName() + "/"
                    + file.getFileName() + " on " + i.plan().board().name(), i.plan())));
        }
        out.add(Arguments.of("BootTest.threeVms", BootTest.threeVms()));
        out.add(Arguments.of("BootTest.threeVms on GICv3", TestPlans.onGicv3(BootTest.threeVms())));
        out.add(Arguments.of("TestPlans.isolation", TestPlans.isolation()));
        out.add(Arguments.of("TestPlans.isolation on GICv3", TestPlans.onGicv3(TestPlans.isolation())));
        out.add(Arguments.of("BootTest.threeVms on raspi4b", TestPlans.onRaspi4b(BootTest.threeVms(), "uart0")));
        return out.stream();
    }

    /**
     * Every system file of the examples for QEMU's Arm machines (examples/qemu-virt*, examples/rpi4-qemu), so that a
     * new one is read back too.
     */
    static List<Path> qemuExamples() {
        try (Stream<Path> files = Files.walk(ExampleSystemsTest.ROOT.resolve("examples"), 2)) {
            List<Path> out = files.filter(f -> f.getFileName().toString().endsWith(".shy")).filter(f -> {
                String d = f.getParent().getFileName().toString();
                return d.startsWith("qemu-virt") || d.equals("rpi4-qemu");
            }).sorted().toList();
            assertTrue(out.size() >= 7, "examples/qemu-virt*, rpi4-qemu not found under " + ExampleSystemsTest.ROOT);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The plan with every VM's bootargs replaced (only the guests' DTBs change; nothing the tables depend on). */
    static Plan holding(Plan p) {
        List<VmPlan> vms = p.vms().stream().map(v -> TestPlans.bootargs(v, BOOTARGS)).toList();
        return new Plan(p.system(), p.board(), p.hypervisor(), vms, p.shared());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systems")
    void theImageHoldsWhatThePlanSays(String name, Plan original, @TempDir Path dir) throws Exception {
        readBack(name, original, dir);
    }

    /** Boots the plan, reads it back and compares (failing the test on any difference); each VM's stage-2 walk, by name. */
    static Map<String, Stage2Walk.Result> readBack(String name, Plan original, Path dir) throws Exception {
        Map<String, Stage2Walk.Result> walks = new TreeMap<>();
        Plan plan = holding(original);
        for (int i = 0; i < plan.vms().size(); i++) {
            // what is read back is compared with the plan as compiled, attributes and windows included
            org.junit.jupiter.api.Assertions.assertEquals(original.vms().get(i).mappings(), plan.vms().get(i).mappings());
        }
        String planJson = PlanJson.write(plan);
        Files.writeString(dir.resolve("plan.json"), planJson);
        PlanExpectations want = PlanExpectations.of(planJson);
        Map<String, String> guests = new TreeMap<>();
        plan.vms().forEach(v -> guests.put(v.name(), "hello"));
        TestImages.link(plan, guests).write(dir);
        boolean v3 = want.gic().equals("GICV3");
        Path trace = dir.resolve("gic-trace.log");
        List<String> extra = v3 ? List.of() : List.of("-D", trace.toString(), "-trace", "gic_dist_write", "-trace", "gic_dist_read");

        List<String> problems = new ArrayList<>();
        try (QemuSession s = QemuSession.start(command(plan, dir), dir, extra)) {
            boolean running = s.await(lines -> everyVcpuRuns(want, lines) || lines.stream().anyMatch(l ->
                    l.startsWith("shyper: PANIC") || l.contains(" stopped: ")), 120);
            String console = s.output();
            assertTrue(running && everyVcpuRuns(want, s.lines()), "not every vCPU came up:\n" + console);
            long t0 = System.nanoTime();
            try (Qmp qmp = s.qmp()) {
                qmp.stop();
                // It stays stopped while the debugger is attached: everything is read from one moment.
                try (GdbRemote gdb = s.gdb()) {
                    assertTrue(!qmp.execute("query-status", Map.of()).get("running").asBoolean(), "QEMU did not stop");
                    Map<Integer, long[]> regs = new TreeMap<>();
                    List<String> threads = gdb.threads();
                    for (int core = 0; core < threads.size(); core++) {
                        String t = threads.get(core);
                        regs.put(core, new long[] {gdb.register(t, "VTTBR_EL2"), gdb.register(t, "VTCR_EL2"),
                                gdb.register(t, "HCR_EL2"), gdb.register(t, "VMPIDR_EL2")});
                    }
                    checkStage2(want, regs, qmp, problems, walks);
                    checkConsolePages(want, walks, qmp, problems);
                    checkOwnership(want, plan, qmp, problems);
                    if (v3) {
                        checkDistributor(want, Distributor.readGicv3(qmp, want.gicdBase(), want.lines(),
                                want.mpidrOfCore()), problems);
                    }
                    qmp.execute("quit", Map.of());          // QEMU flushes its trace as it exits
                }
            }
            if (!v3) {
                assertTrue(s.awaitExit(30), "QEMU did not quit");
                checkDistributor(want, Distributor.replayGicv2(Files.readAllLines(trace), want.lines()), problems);
            }
            checkGuestView(want, s.lines(), problems);
            System.out.printf("MEASURE readback %s: read and compared in %d ms%n", name, (System.nanoTime() - t0) / 1_000_000);
            assertTrue(problems.isEmpty(), name + ": the image differs from plan.json in " + problems.size() + " ways:\n  "
                    + String.join("\n  ", problems) + "\nconsole:\n" + console);
        }
        return walks;
    }

    /** QEMU virt, or QEMU's Raspberry Pi 4 model with the console on the serial port of its UART. */
    static List<String> command(Plan plan, Path dir) {
        if (plan.board().name().equals("rpi4-qemu")) {
            String console = plan.hypervisor().console();
            boolean pl011 = plan.board().devices().stream().anyMatch(d -> d.name().equals(console)
                    && d.compatible().equals("arm,pl011"));
            return Qemu.raspi4bCommand(dir.resolve("shyper.bin"), pl011 ? 0 : 1);
        }
        return Qemu.hypervisorCommand(dir.resolve("shyper.elf"), TestImages.gicVersion(plan));
    }

    private static boolean everyVcpuRuns(PlanExpectations want, List<String> lines) {
        for (PlanExpectations.Vm vm : want.vms()) {
            if (lines.stream().noneMatch(l -> l.startsWith("[" + vm.name() + "] grab: "))) {
                return false;
            }
            for (int v = 0; v < vm.cores().size(); v++) {
                if (!lines.contains("[" + vm.name() + "] vcpu " + v + ": hello (mpidr 0x8000000" + v + ", el1)")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Each core under its VM's tables; each VM's tables give exactly its plan's mappings. */
    /**
     * The leaves of a VM's tables without its console page, which must be there where the plan's console window is one
     * page: one 4 KiB page, read-only, Device-nGnRE, execute-never, inside the hypervisor's reservation (a page of the
     * runtime's own holding what the console's registers read).
     */
    static List<Stage2Walk.Mapping> consolePage(PlanExpectations.Vm vm, List<Stage2Walk.Mapping> leaves, PlanExpectations want,
                                                List<String> problems) {
        if (vm.consolePage() < 0) return leaves;
        List<Stage2Walk.Mapping> rest = new ArrayList<>();
        Stage2Walk.Mapping page = null;
        for (Stage2Walk.Mapping m : leaves) {
            if (Long.compareUnsigned(m.ipa(), vm.consolePage() + 4096) < 0 && Long.compareUnsigned(vm.consolePage(), m.ipa() + m.size()) < 0) {
                page = m;
            } else {
                rest.add(m);
            }
        }
        Stage2Walk.Attributes ro = new Stage2Walk.Attributes(0x1, 1, 0, true, 2);
        if (page == null) {
            problems.add(String.format("vm %s: its console page at IPA 0x%x is not mapped", vm.name(), vm.consolePage()));
        } else if (page.ipa() != vm.consolePage() || page.size() != 4096 || !page.attrs().meaning().equals(ro.meaning())
                || page.pa() < want.reserveBase() || page.pa() + 4096 > want.reserveBase() + want.reserveSize()) {
            problems.add(String.format("vm %s: its console window maps IPA 0x%x size 0x%x to PA 0x%x %s, not one read-only "
                    + "Device page of the hypervisor's reservation", vm.name(), page.ipa(), page.size(), page.pa(), page.attrs()));
        }
        return rest;
    }

    /**
     * What a console page may hold: exactly what the console's registers read (runtime vuart.c), for one of the kinds a
     * page is mapped for: PL011 (FR = TX and RX empty at 0x18, the PrimeCell IDs from 0xfe0), a 16550 with 4-byte
     * registers (LSR = THR and transmitter empty at 0x14) or with 1-byte ones (LSR at 5); every other byte zero. The
     * page is the hypervisor's, read by every VM with such a console: a byte of anything else would be the
     * hypervisor's memory shown to a guest.
     */
    static final Map<String, byte[]> CONSOLE_PAGES = consolePagesByKind();

    private static Map<String, byte[]> consolePagesByKind() {
        byte[] pl011 = new byte[4096], ns16550 = new byte[4096], ns16550r1 = new byte[4096];
        pl011[0x18] = (byte) 0x90;
        int[] id = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
        for (int i = 0; i < id.length; i++) pl011[0xfe0 + 4 * i] = (byte) id[i];
        ns16550[0x14] = 0x60;
        ns16550r1[5] = 0x60;
        return Map.of("PL011", pl011, "16550", ns16550, "16550 with 1-byte registers", ns16550r1);
    }

    /** Each VM's console page, read from physical memory, holds one kind's register values and nothing else. */
    static void checkConsolePages(PlanExpectations want, Map<String, Stage2Walk.Result> walks,
                                  Stage2Walk.PhysicalMemory mem, List<String> problems) {
        for (PlanExpectations.Vm vm : want.vms()) {
            Stage2Walk.Result w = walks.get(vm.name());
            if (vm.consolePage() < 0 || w == null) continue;
            for (Stage2Walk.Mapping m : w.leaves()) {
                if (m.ipa() != vm.consolePage()) continue;
                byte[] got = new byte[4096];
                for (int o = 0; o < 4096; o += 8) {
                    long v = mem.read64(m.pa() + o);
                    for (int b = 0; b < 8; b++) got[o + b] = (byte) (v >>> (8 * b));
                }
                if (CONSOLE_PAGES.values().stream().noneMatch(p -> Arrays.equals(p, got))) {
                    int o = Arrays.mismatch(got, CONSOLE_PAGES.get("PL011"));
                    problems.add(String.format("vm %s: its console page at PA 0x%x is not exactly a console's register "
                            + "values and zeros (byte 0x%x is 0x%02x; a PL011's page has 0x%02x there)", vm.name(), m.pa(), o,
                            got[o] & 0xff, CONSOLE_PAGES.get("PL011")[o] & 0xff));
                }
            }
        }
    }

    static void checkStage2(PlanExpectations want, Map<Integer, long[]> regs, Stage2Walk.PhysicalMemory mem,
                            List<String> problems) {
        checkStage2(want, regs, mem, problems, new TreeMap<>());
    }

    /** The same, keeping each VM's walk in {@code walks}. */
    static void checkStage2(PlanExpectations want, Map<Integer, long[]> regs, Stage2Walk.PhysicalMemory mem,
                            List<String> problems, Map<String, Stage2Walk.Result> walks) {
        Map<Integer, Integer> vmids = new HashMap<>();
        Map<Long, String> roots = new HashMap<>();
        List<Long> tablePages = new ArrayList<>();
        List<Long> consolePages = new ArrayList<>();
        Map<String, List<Stage2Walk.Mapping>> leavesOf = new TreeMap<>();
        for (PlanExpectations.Vm vm : want.vms()) {
            long[] first = regs.get(vm.cores().get(0));
            if (first == null) {
                problems.add("vm " + vm.name() + ": QEMU has no core " + vm.cores().get(0));
                continue;
            }
            for (int v = 0; v < vm.cores().size(); v++) {
                int core = vm.cores().get(v);
                long[] r = regs.get(core);
                if (r == null) {
                    problems.add("vm " + vm.name() + ": QEMU has no core " + core);
                    continue;
                }
                if ((r[2] & 1) == 0) {
                    problems.add(String.format("core %d (vm %s vcpu %d): HCR_EL2 0x%x has stage 2 off (VM = 0)", core,
                            vm.name(), v, r[2]));
                }
                if (r[3] != (0x8000_0000L | v)) {
                    problems.add(String.format("core %d: VMPIDR_EL2 0x%x, but the plan runs vm %s vcpu %d there", core,
                            r[3], vm.name(), v));
                }
                if (r[0] != first[0] || r[1] != first[1]) {
                    problems.add(String.format("vm %s: core %d has VTTBR_EL2 0x%x VTCR_EL2 0x%x, core %d 0x%x 0x%x", vm.name(),
                            core, r[0], r[1], vm.cores().get(0), first[0], first[1]));
                }
            }
            Stage2Walk.Result w = Stage2Walk.walk(first[1], first[0], mem);
            walks.put(vm.name(), w);
            Integer other = vmids.put(w.vmid(), vm.id());
            if (other != null) {
                problems.add("vm " + vm.name() + " shares VMID " + w.vmid() + " with vm id " + other);
            }
            String sharer = roots.put(first[0] & 0x0000_ffff_ffff_fffeL, vm.name());
            if (sharer != null) {
                problems.add("vm " + vm.name() + " shares its stage-2 tables with vm " + sharer);
            }
            w.anomalies().forEach(a -> problems.add("vm " + vm.name() + ": " + a));
            List<Stage2Walk.Mapping> leaves = consolePage(vm, w.leaves(), want, problems);
            Stage2Walk.diff(vm.stage2(), leaves).forEach(d -> problems.add("vm " + vm.name() + ": " + d));
            checkBlocks(vm, leaves, problems);
            if (!want.stage2Blocks()) checkPagesOnly(vm, leaves, problems);
            for (long page : w.tablePages()) {
                if (page < want.reserveBase() || page + 4096 > want.reserveBase() + want.reserveSize()) {
                    problems.add(String.format("vm %s: a stage-2 table page at PA 0x%x is outside the hypervisor's reservation",
                            vm.name(), page));
                }
            }
            tablePages.addAll(w.tablePages());
            consolePages.addAll(w.leaves().stream().filter(m -> m.ipa() == vm.consolePage()).map(Stage2Walk.Mapping::pa).toList());
            leavesOf.put(vm.name(), w.leaves());
            System.out.printf("MEASURE readback vm %s: %d-bit IPA from level %d, VMID %d, %d table pages, %d L1 blocks, "
                            + "%d L2 blocks, %d pages; %d runs%n", vm.name(), w.ipaBits(), w.startLevel(), w.vmid(),
                    w.tablePages().size(), w.count("L1 block"), w.count("L2 block"), w.count("L3 page"),
                    Stage2Walk.runs(w.leaves()).size());
        }
        for (long page : consolePages) {
            if (tablePages.contains(page)) problems.add(String.format("the console page at PA 0x%x is a stage-2 table page", page));
        }
        checkColours(want, leavesOf, problems);
        // No VM reaches any VM's translation tables.
        for (Map.Entry<String, List<Stage2Walk.Mapping>> e : leavesOf.entrySet()) {
            for (Stage2Walk.Mapping m : e.getValue()) {
                for (long page : tablePages) {
                    if (page >= m.pa() && page < m.pa() + m.size()) {
                        problems.add(String.format("vm %s maps the stage-2 table page at PA 0x%x (IPA 0x%x)", e.getKey(),
                                page, m.ipa() + (page - m.pa())));
                    }
                }
            }
        }
    }

    /**
     * RAM that asked for huge pages is mapped with leaves of at least its block size: the same translation in smaller
     * pieces is not (the diff above, which compares translations, cannot see it). One problem per region, naming the
     * first smaller leaf and how many there are.
     */
    static void checkBlocks(PlanExpectations.Vm vm, List<Stage2Walk.Mapping> leaves, List<String> problems) {
        for (PlanExpectations.Block b : vm.blocks()) {
            Stage2Walk.Mapping first = null;
            int small = 0;
            for (Stage2Walk.Mapping m : leaves) {
                boolean inside = Long.compareUnsigned(m.ipa(), b.ipa() + b.size()) < 0 && Long.compareUnsigned(b.ipa(), m.ipaEnd()) < 0;
                if (inside && Long.compareUnsigned(m.size(), b.block()) < 0) {
                    if (first == null) first = m;
                    small++;
                }
            }
            if (first != null) {
                problems.add(String.format("vm %s: RAM at IPA [0x%x, 0x%x) asks for 0x%x-byte blocks, but the tables map it "
                        + "with %d smaller leaves, the first at IPA 0x%x (%s of 0x%x bytes)", vm.name(), b.ipa(), b.ipa() + b.size(),
                        b.block(), small, first.ipa(), first.label(), first.size()));
            }
        }
    }

    /**
     * `stage2-blocks off`: every leaf is a 4 KiB page but those of RAM that asked for huge pages. One problem per VM,
     * naming the first block and how many there are.
     */
    static void checkPagesOnly(PlanExpectations.Vm vm, List<Stage2Walk.Mapping> leaves, List<String> problems) {
        Stage2Walk.Mapping first = null;
        int blocks = 0;
        for (Stage2Walk.Mapping m : leaves) {
            if (m.size() == 4096) continue;
            if (vm.inHugepages(m.ipa())) continue;
            if (first == null) first = m;
            blocks++;
        }
        if (first != null) {
            problems.add(String.format("vm %s: the board says `stage2-blocks off`, but the tables map %d leaves larger than a "
                    + "page, the first at IPA 0x%x (%s of 0x%x bytes)", vm.name(), blocks, first.ipa(), first.label(), first.size()));
        }
    }

    /**
     * cache colouring: every page the tables map into a coloured VM's RAM has one of its colours, and no page any other
     * VM maps as memory (RAM or a shared window: Normal) has one of them, unless both VMs declared their colours shared.
     * A colour is (PA / 4 KiB) mod the board's number of colours.
     */
    static void checkColours(PlanExpectations want, Map<String, List<Stage2Walk.Mapping>> leavesOf, List<String> problems) {
        for (PlanExpectations.Vm vm : want.vms()) {
            if (vm.colours().isEmpty()) continue;
            int n = vm.colourCount();
            long pages = 0;
            own:   // the first page of a wrong colour is reported, per VM and per kind of problem
            for (Stage2Walk.Mapping m : leavesOf.getOrDefault(vm.name(), List.of())) {
                boolean ram = vm.ram().stream().anyMatch(r -> Long.compareUnsigned(m.ipa(), r.ipa()) >= 0
                        && Long.compareUnsigned(m.ipa(), r.ipaEnd()) < 0);
                if (!ram) continue;
                for (long off = 0; off < m.size(); off += 4096) {
                    pages++;
                    int colour = (int) Long.remainderUnsigned((m.pa() + off) >>> 12, n);
                    if (!vm.colours().contains(colour)) {
                        problems.add(String.format("vm %s: its RAM page at IPA 0x%x is PA 0x%x, colour %d, not one of its colours %s",
                                vm.name(), m.ipa() + off, m.pa() + off, colour, vm.colours()));
                        pages = -1;
                        break own;
                    }
                }
            }
            long ramSize = vm.ram().stream().mapToLong(Stage2Walk.Mapping::size).sum();
            if (pages >= 0 && pages * 4096 != ramSize) {
                problems.add(String.format("vm %s: its tables map %d pages of its RAM, its plan %d", vm.name(), pages, ramSize / 4096));
            }
            long others = 0;
            theirs:
            for (PlanExpectations.Vm o : want.vms()) {
                if (o == vm || (vm.shared() && o.shared())) continue;
                for (Stage2Walk.Mapping m : leavesOf.getOrDefault(o.name(), List.of())) {
                    if (m.attrs().device()) continue;
                    for (long off = 0; off < m.size(); off += 4096) {
                        others++;
                        int colour = (int) Long.remainderUnsigned((m.pa() + off) >>> 12, n);
                        if (vm.colours().contains(colour)) {
                            problems.add(String.format("vm %s maps PA 0x%x (IPA 0x%x), of colour %d, which is vm %s's", o.name(),
                                    m.pa() + off, m.ipa() + off, colour, vm.name()));
                            break theirs;
                        }
                    }
                }
            }
            System.out.printf("MEASURE readback colours vm %s: %d RAM pages all of colours %s (of %d); %d memory pages of other "
                    + "VMs, none of them%n", vm.name(), pages, vm.colours(), n, others);
        }
    }

    /** The runtime's SPI owner table (VM id + 1 per INTID, 0 = nobody), read from memory by its ELF symbol. */
    static void checkOwnership(PlanExpectations want, Plan plan, Qmp qmp, List<String> problems) throws Exception {
        long at = plan.hypervisor().loadAddress() + Elf64.parse(RuntimeImages.aarch64TestRuntime()).symbol("spi_owners");
        compareOwners(want, qmp.read(at, 1024), problems);
    }

    /** {@code owners}: the runtime's table, one byte per INTID 0..1023. */
    static void compareOwners(PlanExpectations want, byte[] owners, List<String> problems) {
        for (int i = 32; i < 1024; i++) {
            PlanExpectations.Vm o = want.ownerOf(i);
            int expected = o == null ? 0 : o.id() + 1;
            if ((owners[i] & 0xff) != expected) {
                problems.add(String.format("the runtime's owner of SPI %d is %s, the plan's %s", i,
                        owners[i] == 0 ? "nobody" : "vm id " + ((owners[i] & 0xff) - 1), o == null ? "nobody" : "vm " + o.name()));
            }
        }
    }

    /**
     * Every VM's guest enabled every SPI it could and routed it to its last vCPU. So: each SPI the plan gives a VM is
     * enabled and routed to cores of that VM only; the hypervisor console's SPI is enabled on the boot core (core 0)
     * exactly when a virtio console takes console input; every other SPI, virtio ones included (they are emulated),
     * is disabled.
     */
    static void checkDistributor(PlanExpectations want, Distributor d, List<String> problems) {
        problems.addAll(d.problems());
        Map<Integer, TreeSet<Integer>> on = new TreeMap<>();
        for (int i = 32; i < want.lines(); i++) {
            if (d.enabled()[i]) {
                on.put(i, d.targets().get(i));
            }
        }
        System.out.println("MEASURE readback distributor: enabled SPIs and their cores " + on);
        for (int i = 32; i < want.lines(); i++) {
            PlanExpectations.Vm o = want.ownerOf(i);
            TreeSet<Integer> t = d.targets().get(i);
            if (o != null) {
                if (!d.enabled()[i]) {
                    problems.add("SPI " + i + " of vm " + o.name() + " is disabled, though its guest enabled it");
                }
                if (t.isEmpty() || !o.cores().containsAll(t)) {
                    problems.add("SPI " + i + " of vm " + o.name() + " (cores " + o.cores() + ") is routed to cores " + t);
                }
            } else if (i == want.consoleSpi()) {
                if (d.enabled()[i] != want.consoleInput()) {
                    problems.add("the hypervisor console's SPI " + i + " is " + (d.enabled()[i] ? "enabled" : "disabled")
                            + ", but " + (want.consoleInput() ? "a" : "no") + " virtio console takes console input");
                }
                if (d.enabled()[i] && !t.equals(new TreeSet<>(List.of(0)))) {
                    problems.add("the hypervisor console's SPI " + i + " is routed to cores " + t + ", not the boot core 0");
                }
            } else if (d.enabled()[i]) {
                problems.add("SPI " + i + " is enabled (routed to cores " + t + "), but the plan gives it to no VM");
            }
        }
    }

    /** What each guest saw: as many SPIs enabled as its plan gives it, passthrough and virtio. */
    static void checkGuestView(PlanExpectations want, List<String> lines, List<String> problems) {
        for (PlanExpectations.Vm vm : want.vms()) {
            TreeSet<Integer> own = new TreeSet<>(vm.spis());
            own.addAll(vm.virtualSpis());
            String prefix = "[" + vm.name() + "] grab: " + own.size() + " SPIs enabled";
            if (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                problems.add("vm " + vm.name() + " should see its " + own.size() + " SPIs " + own + " enabled: "
                        + lines.stream().filter(l -> l.startsWith("[" + vm.name() + "] grab: ")).toList());
            }
        }
    }
}
