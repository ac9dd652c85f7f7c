package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.abi.BlobLayout;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;

/**
 * The blob's FLAG_ZERO_RAM (docs/runtime.md, "Zeroing VM RAM"): QEMU first fills stretches of the VMs' RAM and of a
 * shared region with a pattern (its generic loader writes a file into RAM at reset, after RAM is zero and before any
 * CPU runs), as a board's firmware or an earlier boot would leave it; each `hello` guest counts the nonzero words of a
 * window outside its payloads. With the flag the runtime has zeroed them all; without it the guests see the pattern,
 * so the check can tell.
 */
class ZeroRamTest {
    private static final long MIB = 1L << 20, WINDOW = MIB, SHARED = 64 * 1024;
    private static final String FULL = "scan: " + WINDOW / 8 + " nonzero words of " + WINDOW / 8;

    /** alpha scans its RAM at IPA 0x4200_0000, beta the shared region "shm" at its IPA 0x4800_0000; both map "shm". */
    static Plan aarch64Plan() {
        long shmPa = 0x5c00_0000L;
        VmPlan alpha = TestPlans.bootargs(TestPlans.vm(0, "alpha", List.of(0), 0x5000_0000L, List.of(),
                List.of(new VmPlan.SharedWindow("shm", 0x4800_0000L, shmPa, SHARED, true))),
                "scan=0x42000000 scanend=0x42100000");
        VmPlan beta = TestPlans.bootargs(TestPlans.vm(1, "beta", List.of(1, 2), 0x5400_0000L, List.of(),
                List.of(new VmPlan.SharedWindow("shm", 0x4800_0000L, shmPa, SHARED, true))),
                "scan=0x48000000 scanend=0x48010000");
        return TestPlans.plan("zero", List.of(alpha, beta), List.of(new SharedPlan("shm", shmPa, SHARED,
                List.of(new SharedPlan.Mapping("alpha", 0x4800_0000L, true), new SharedPlan.Mapping("beta", 0x4800_0000L, true)))));
    }

    /** QEMU's generic loader: {@code size} bytes of 0xa5 at each PA, before any CPU runs. */
    static List<String> poisoned(List<String> cmd, Path dir, long size, long... pas) throws Exception {
        byte[] pattern = new byte[(int) size];
        Arrays.fill(pattern, (byte) 0xa5);
        Path file = dir.resolve("poison-" + size + ".bin");
        Files.write(file, pattern);
        List<String> out = new ArrayList<>(cmd);
        for (long pa : pas) out.addAll(List.of("-device", "loader,file=" + file + ",addr=0x" + Long.toHexString(pa) + ",force-raw=on"));
        return out;
    }

    private static Qemu.Result bootAarch64(int flags, Path dir) throws Exception {
        TestImages.link(aarch64Plan(), Map.of("alpha", "hello", "beta", "hello"), RuntimeImages.aarch64Runtime(), flags).write(dir);
        List<String> cmd = poisoned(Qemu.hypervisorCommand(dir.resolve("shyper.elf")), dir, WINDOW, 0x5200_0000L);
        cmd = poisoned(cmd, dir, SHARED, 0x5c00_0000L);
        Qemu.Result r = Qemu.run(cmd, 60);
        assertFalse(r.timedOut(), r.output());
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }

    @Test
    void withTheFlagEveryVmFindsItsRamAndSharedRegionZero(@TempDir Path dir) throws Exception {
        Qemu.Result r = bootAarch64(BlobLayout.FLAG_ZERO_RAM, dir);
        List<String> lines = r.lines();
        assertTrue(lines.contains("[alpha] scan: 0 nonzero words of 131072 in [0x42000000, 0x42100000), first 0x0"), r.output());
        assertTrue(lines.contains("[beta] scan: 0 nonzero words of 8192 in [0x48000000, 0x48010000), first 0x0"), r.output());
        // the guests ran from payloads copied after the zeroing
        assertTrue(lines.contains("[alpha] all 1 vcpus done") && lines.contains("[beta] all 2 vcpus done"), r.output());
    }

    @Test
    void withoutItTheyFindWhatWasLeftThere(@TempDir Path dir) throws Exception {
        Qemu.Result r = bootAarch64(0, dir);
        assertTrue(r.lines().contains("[alpha] " + FULL + " in [0x42000000, 0x42100000), first 0xa5a5a5a5a5a5a5a5"), r.output());
        assertTrue(r.lines().contains("[beta] scan: 8192 nonzero words of 8192 in [0x48000000, 0x48010000), first 0xa5a5a5a5a5a5a5a5"),
                r.output());
    }

    /**
     * examples/qemu-virt-coloured: three VMs whose RAM pages interleave in one PA stretch (cache colouring), all of it
     * filled with the pattern. Each VM scans its RAM from 1 MiB to its device tree; with the flag all three read zeros
     * and run (a VM zeroing more than its own pages would wipe the payloads of the VMs set up before it), without it
     * they read the pattern.
     */
    private static Qemu.Result bootColoured(int flags, Path dir) throws Exception {
        Path file = ExampleSystemsTest.ROOT.resolve("examples/qemu-virt-coloured/system.shy");
        org.shyperc.compiler.Compilation c = org.shyperc.compiler.Compiler.standard().compile(List.of(file));
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        Plan p = c.instances().get(0).plan();
        List<VmPlan> vms = new ArrayList<>();
        long lo = Long.MAX_VALUE, hi = 0;
        for (VmPlan v : p.vms()) {
            VmPlan.Region ram = v.memory().get(0);
            assertTrue(ram.colouring() != null, v.name());
            lo = Math.min(lo, ram.pa());
            hi = Math.max(hi, ram.paSpanEnd());
            vms.add(TestPlans.bootargs(v, String.format("scan=0x%x scanend=0x%x", ram.ipa() + MIB, v.dtbIpa())));
        }
        Plan scanning = new Plan(p.system(), p.board(), p.hypervisor(), vms, p.shared(), p.doorbells());
        TestImages.link(scanning, Map.of("alpha", "hello", "beta", "hello", "gamma", "hello"), RuntimeImages.aarch64Runtime(), flags)
                .write(dir);
        Qemu.Result r = Qemu.run(poisoned(Qemu.hypervisorCommand(dir.resolve("shyper.elf")), dir, hi - lo, lo), 60);
        assertFalse(r.timedOut(), r.output());
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }

    @Test
    void colouredVmsZeroExactlyTheirOwnPages(@TempDir Path dir) throws Exception {
        Qemu.Result zeroed = bootColoured(BlobLayout.FLAG_ZERO_RAM, dir.resolve("zeroed"));
        Qemu.Result left = bootColoured(0, dir.resolve("left"));
        for (String vm : List.of("alpha", "beta", "gamma")) {
            assertTrue(zeroed.lines().stream().anyMatch(l -> l.startsWith("[" + vm + "] scan: 0 nonzero words of ")), zeroed.output());
            assertTrue(zeroed.lines().contains("[" + vm + "] vcpu 0: 3 timer ticks"), zeroed.output());
            assertTrue(left.lines().stream().anyMatch(l -> l.startsWith("[" + vm + "] scan: ") && l.endsWith("first 0xa5a5a5a5a5a5a5a5")
                    && !l.startsWith("[" + vm + "] scan: 0 ")), left.output());
        }
    }

    /** riscv64 (common/ram_zero.c without the cache maintenance): alpha's RAM at GPA 0x8200_0000 is PA 0x9200_0000. */
    private static Qemu.Result bootRiscv(int flags, Path dir) throws Exception {
        Plan p = RiscvPlans.threeVms();
        Plan scanning = RiscvPlans.plan("demo", List.of(RiscvBootTest.args(p.vm("alpha"), "scan=0x82000000 scanend=0x82100000"),
                p.vm("beta"), p.vm("gamma")), List.of());
        RiscvBootTest.link(scanning, RiscvBootTest.HELLO, RuntimeImages.riscv64Runtime(), flags).write(dir);
        Qemu.Result r = Qemu.run(poisoned(Qemu.riscvCommand(dir.resolve("shyper.elf")), dir, WINDOW, 0x9200_0000L), 60);
        assertFalse(r.timedOut(), r.output());
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }

    @Test
    void riscv64ZeroesWithTheFlagAndNotWithout(@TempDir Path dir) throws Exception {
        Qemu.Result zeroed = bootRiscv(BlobLayout.FLAG_ZERO_RAM, dir.resolve("zeroed"));
        assertTrue(zeroed.lines().contains("[alpha] scan: 0 nonzero words of 131072 in [0x82000000, 0x82100000), first 0x0"),
                zeroed.output());
        Qemu.Result left = bootRiscv(0, dir.resolve("left"));
        assertTrue(left.lines().contains("[alpha] " + FULL + " in [0x82000000, 0x82100000), first 0xa5a5a5a5a5a5a5a5"), left.output());
    }

    /**
     * riscv64 loads each VM on the hart of its vCPU 0, the VMs at once (docs/runtime.md, riscv64 "Loading the VMs"): all
     * three VMs' RAM (PA 0x9000_0000-0x9c00_0000), their payloads' places included, holds the pattern before any hart
     * runs. A vCPU that entered its guest before its VM's payloads were copied would run the pattern and print nothing; a
     * load that zeroed or wrote outside its own VM would wipe another's payloads (that VM prints nothing) or show in its
     * scan. Each VM scans its RAM from 1 MiB to its device tree.
     */
    private static Qemu.Result bootRiscvAllPoisoned(int flags, Path dir) throws Exception {
        Plan p = RiscvPlans.threeVms();
        List<VmPlan> vms = new ArrayList<>();
        for (VmPlan v : p.vms()) {
            vms.add(RiscvBootTest.args(v, String.format("scan=0x%x scanend=0x%x", v.memory().get(0).ipa() + MIB, v.dtbIpa())));
        }
        RiscvBootTest.link(RiscvPlans.plan("demo", vms, List.of()), RiscvBootTest.HELLO, RuntimeImages.riscv64Runtime(), flags)
                .write(dir);
        Qemu.Result r = Qemu.run(poisoned(Qemu.riscvCommand(dir.resolve("shyper.elf")), dir, 192 * MIB, 0x9000_0000L), 60);
        assertFalse(r.timedOut(), r.output());
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }

    @Test
    void riscv64VmsLoadedAtOnceRunOnlyOnceLoadedAndOnlyTheirOwn(@TempDir Path dir) throws Exception {
        String words = (62 * MIB / 8) + " nonzero words of " + (62 * MIB / 8) + " in [0x80100000, 0x83f00000)";
        Qemu.Result zeroed = bootRiscvAllPoisoned(BlobLayout.FLAG_ZERO_RAM, dir.resolve("zeroed"));
        Qemu.Result left = bootRiscvAllPoisoned(0, dir.resolve("left"));
        for (String vm : List.of("alpha", "beta", "gamma")) {
            int vcpus = vm.equals("beta") ? 2 : 1;
            assertTrue(zeroed.lines().contains("[" + vm + "] scan: 0 nonzero words of " + (62 * MIB / 8)
                    + " in [0x80100000, 0x83f00000), first 0x0"), zeroed.output());
            assertTrue(zeroed.lines().contains("[" + vm + "] all " + vcpus + " vcpus done"), zeroed.output());
            assertTrue(left.lines().contains("[" + vm + "] scan: " + words + ", first 0xa5a5a5a5a5a5a5a5"), left.output());
            assertTrue(left.lines().contains("[" + vm + "] all " + vcpus + " vcpus done"), left.output());
        }
    }
}
