package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `shyperc run` boots the Raspberry Pi 4 examples under QEMU's raspi4b (QEMU 9 or later: tests/qemu10/fetch-qemu.sh sets
 * one up, scripts/install-deps.sh runs it): bare-metal VMs on all four cores, started from the spin table; the isolation
 * attacks, contained; Debian's arm64 Linux to user space.
 */
class RunRpi4QemuExampleTest {
    @Test
    void everyVmPrintsFromEachOfTheFourCores(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 120, "run", "examples/rpi4-qemu/system.shy",
                "-o", out.toString(), "--timeout", "90");
        assertTrue(r.output().contains("-machine raspi4b"), r.output());
        Map<String, Integer> vcpus = Map.of("alpha", 1, "beta", 2, "gamma", 1);
        vcpus.forEach((vm, n) -> {
            for (int v = 0; v < n; v++) {
                assertTrue(r.output().contains("[" + vm + "] vcpu " + v + ": hello (mpidr 0x8000000" + v + ", el1)"),
                        vm + " vcpu " + v + " did not print:\n" + r.output());
                assertTrue(r.output().contains("[" + vm + "] vcpu " + v + ": 3 timer ticks"), r.output());
            }
            assertTrue(r.output().contains("shyper: vm " + vm + " stopped: SYSTEM_OFF"), r.output());
        });
        assertFalse(r.output().contains("[alpha] vcpu 1"), r.output());
        assertTrue(r.output().contains("shyper: every VM has stopped, powering off (status 0)"), r.output());
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void everyAttackIsContainedOnRaspi4b(@TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 240, "run", "--test-hooks", "examples/rpi4-qemu/isolation.shy",
                "-o", out.toString(), "--timeout", "200");
        assertTrue(r.output().contains("-machine raspi4b"), r.output());
        for (String attack : RunIsolationExampleTest.ATTACKS) {
            assertTrue(r.output().contains("CONTAINED " + attack), attack + " not reported contained:\n" + r.output());
        }
        assertFalse(r.output().contains("ESCAPED"), r.output());
        // The victim's own SD host interrupt reached it; the attacker's probes of it were refused.
        assertTrue(r.output().contains("[victim] heartbeat continued: "), r.output());
        assertTrue(r.output().contains(" 1 SD host interrupt(s), 0 alert(s)"), r.output());
        assertTrue(r.output().contains("[victim] CONTAINED system-off (victim alive after the attacker's SYSTEM_OFF)"), r.output());
        assertEquals(0, r.exit(), r.output());
    }

    /**
     * The example on a copy of the board file whose spin-table release addresses are wrong for core 2 (beta's vCPU 1)
     * and core 3 (gamma's vCPU 0): the runtime writes entries nobody waits on, so those cores never start. It names
     * each after 5 s, and their VMs stop as if faulted (gamma never loaded, beta loaded with its vCPU 0 waiting for its
     * sibling); alpha runs to its end, and the run ends with status 3 instead of waiting for ever.
     */
    @Test
    void aCoreThatNeverArrivesIsNamedAndItsVmStops(@TempDir Path dir) throws Exception {
        String board = Files.readString(Shyperc.ROOT.resolve("boards/rpi4-qemu.shy"));
        String wrong = board.replace("board rpi4-qemu {", "board rpi4-wrong {")
                .replace("spin-table [0xd8, 0xe0, 0xe8, 0xf0]", "spin-table [0xd8, 0xe0, 0xf8, 0x100]");
        assertEquals(2, wrong.lines().filter(l -> !board.contains(l)).count(), "the board file changed: " + wrong);
        Files.writeString(dir.resolve("rpi4-wrong.shy"), wrong);
        String guests = Shyperc.ROOT.resolve("hypervisor-runtime/target/guests").toString();
        Files.writeString(dir.resolve("system.shy"), Files.readString(Shyperc.ROOT.resolve("examples/rpi4-qemu/system.shy"))
                .replace("\"rpi4-qemu\"", "\"rpi4-wrong\"").replace("for rpi4-qemu", "for rpi4-wrong")
                .replace("../../hypervisor-runtime/target/guests", guests));

        Shyperc.Run r = Shyperc.run(dir, 120, "run", "system.shy", "--board-path", dir.toString(), "-o", "out",
                "--timeout", "90");
        assertTrue(r.output().contains("-machine raspi4b"), r.output());
        assertTrue(r.output().contains("[alpha] all 1 vcpus done"), r.output());
        assertTrue(r.output().contains("shyper: core 2 (MPIDR 0x2) was released from its spin table at 0xf8 but has not "
                + "arrived after 5 s; is that its release address?"), r.output());
        assertTrue(r.output().contains("shyper: core 3 (MPIDR 0x3) was released from its spin table at 0x100 but has not "
                + "arrived after 5 s; is that its release address?"), r.output());
        assertTrue(r.output().contains("shyper: vm beta stopped: one of its cores never arrived"), r.output());
        assertTrue(r.output().contains("shyper: vm gamma stopped: one of its cores never arrived"), r.output());
        assertFalse(r.output().contains("[beta]"), r.output());
        assertFalse(r.output().contains("[gamma]"), r.output());
        assertTrue(r.output().contains("shyper: every VM has stopped, powering off (status 3)"), r.output());
        assertEquals(3, r.exit(), r.output());
    }

    /**
     * examples/rpi4-qemu/linux.shy as its comment says to run it: beside it, images/Image (Debian's arm64 kernel, which
     * tests/linux/fetch-kernel.sh caches) and images/initrd.cpio (the runtime build's one-program /init). Fails, never
     * skips, without the kernel.
     */
    @Test
    @Tag("linux")
    void theLinuxExampleReachesUserSpace(@TempDir Path dir) throws Exception {
        Path kernel = Path.of(System.getenv().getOrDefault("SHYPERC_LINUX_CACHE",
                System.getProperty("user.home") + "/.cache/shyperc/linux"), "Image");
        assertTrue(Files.isRegularFile(kernel), "No arm64 Linux kernel at " + kernel + ": run tests/linux/fetch-kernel.sh first.");
        Path init = Shyperc.ROOT.resolve("hypervisor-runtime/target/guests/linux-init");
        assertTrue(Files.isRegularFile(init), "no " + init + ": build hypervisor-runtime first");
        Files.createDirectories(dir.resolve("images"));
        Files.copy(kernel, dir.resolve("images/Image"));
        Files.write(dir.resolve("images/initrd.cpio"), newcWithInit(Files.readAllBytes(init)));
        // The copy names the bare-metal guest by its absolute path; everything else is the example as it is.
        String example = Files.readString(Shyperc.ROOT.resolve("examples/rpi4-qemu/linux.shy"));
        String guests = Shyperc.ROOT.resolve("hypervisor-runtime/target/guests").toString();
        Files.writeString(dir.resolve("linux.shy"), example.replace("../../hypervisor-runtime/target/guests", guests));

        Shyperc.Run r = Shyperc.run(dir, 330, "run", "linux.shy", "-o", dir.resolve("out").toString(), "--timeout", "300");
        assertTrue(r.output().contains("-machine raspi4b"), r.output());
        assertTrue(r.output().contains("[linux] [    0.000000] Booting Linux on physical CPU 0x0"), r.output());
        assertTrue(r.output().contains("smp: Brought up 1 node, 2 CPUs"), r.output());
        assertTrue(r.output().contains("init: hello from Linux user space under shyper"), r.output());
        assertTrue(r.output().contains("shyper: vm bm stopped: SYSTEM_OFF"), r.output());
        assertTrue(r.output().contains("shyper: vm linux stopped: SYSTEM_OFF"), r.output());
        assertEquals(0, r.exit(), r.output());
    }

    /** A newc cpio archive holding one executable, /init. */
    static byte[] newcWithInit(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        newcEntry(out, 1, "init", 0100755, data);
        newcEntry(out, 0, "TRAILER!!!", 0, new byte[0]);
        while (out.size() % 512 != 0) out.write(0);
        return out.toByteArray();
    }

    private static void newcEntry(ByteArrayOutputStream out, int ino, String name, int mode, byte[] data) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(String.format("070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
                ino, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, n.length, 0).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(n);
        while (out.size() % 4 != 0) out.write(0);
        out.writeBytes(data);
        while (out.size() % 4 != 0) out.write(0);
    }
}
