package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.devicetree.GuestDeviceTree;
import org.shyperc.codegen.fdt.Fdt;
import org.shyperc.codegen.fdt.FdtWriter;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Debian's arm64 Linux as an SMP guest (2 vCPUs) beside a bare-metal VM: boots from its generated DTB and a
 * one-file initramfs, reaches user space, and powers its VM off with PSCI.
 */
@Tag("linux")
@Tag("qemu")
class LinuxGuestTest {

    static Path kernel() {
        String cache = System.getProperty("shyperc.linux.cache", System.getenv().getOrDefault("SHYPERC_LINUX_CACHE",
                System.getProperty("user.home") + "/.cache/shyperc/linux"));
        Path image = Path.of(cache, "Image");
        if (!Files.isRegularFile(image)) {
            fail("No arm64 Linux kernel at " + image + ": run tests/linux/fetch-kernel.sh first (CI does).");
        }
        return image;
    }

    static Plan plan() {
        long ipa = 0x4000_0000L, mib = 1L << 20;
        VmPlan linux = new VmPlan(0, "linux", VmPlan.Kind.LINUX, true, List.of(0, 1),
                List.of(new VmPlan.Region(ipa, 0x5000_0000L, 256 * mib)),
                new VmPlan.Image("Image", ipa + 2 * mib, ipa + 2 * mib), new VmPlan.Image("initrd", ipa + 128 * mib, ipa + 128 * mib),
                ipa + 192 * mib, "console=ttyAMA0 earlycon=pl011,0x9000000 rdinit=/init panic=-1", List.of(), List.of(),
                new VmPlan.Console("arm,pl011", 0x0900_0000L, 0x1000),
                new VmPlan.VirtualGic(0x0800_0000L, 0x10000, 0x0801_0000L, 0x2000, 0, 0), List.of());
        VmPlan bm = TestPlans.vm(1, "bm", List.of(2, 3), 0x6000_0000L, List.of(), List.of());
        // A 33 MB kernel rides in the image: the 128 MiB reservation of the qemu-virt board.
        return new Plan("linux", TestPlans.qemuVirt(), new HypervisorPlan(0x4000_0000L, 128 * mib, 0x4008_0000L, "uart0", 26, 1, 64)
                        .withoutStage2Blocks(),
                List.of(linux, bm), List.of());
    }

    @Test
    void linuxBootsToUserSpaceOnTwoVcpusAndPowersOnlyItsVmOff(@TempDir Path dir) throws Exception {
        Qemu.Result r = boot(plan(), dir);
        // user space's own writes to the emulated PL011, through the tty layer (they were EIO without an interrupt)
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("[linux] ") && l.contains("init: hello through /dev/console")), r.output());
    }

    @Test
    void theSameLinuxWithoutHypervisorForComparison(@TempDir Path dir) throws Exception {
        Path initrd = dir.resolve("initrd.cpio");
        Files.write(initrd, Cpio.withExecutable("init", RuntimeImages.linuxInit()));
        Qemu.Result r = Qemu.run(List.of("qemu-system-aarch64", "-machine", "virt,gic-version=2", "-cpu", "cortex-a57", "-nic", "none",
                "-smp", "2", "-m", "256M", "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
                "-kernel", kernel().toString(), "-initrd", initrd.toString(),
                "-append", "console=ttyAMA0 earlycon=pl011,0x9000000 rdinit=/init panic=-1"), 120);
        assertTrue(r.output().contains("init: hello from Linux user space under shyper"), r.output());
        System.out.printf("MEASURE Linux without hypervisor: first console line %d ms, user space %d ms, whole run %d ms%n",
                r.firstMillis("["), r.timed().stream().filter(l -> l.text().contains("init: hello")).mapToLong(Qemu.Line::millis)
                        .findFirst().orElse(-1), r.millis());
        assertEquals(0, r.exitCode(), r.output());
    }

    /** The kernel's own virtio modules (Debian builds virtio-mmio and virtio-console as modules). */
    static Map<String, byte[]> virtioModules() throws java.io.IOException {
        Path mods = kernel().getParent().resolve("root/lib/modules");
        try (var versions = Files.list(mods)) {
            Path drivers = versions.findFirst().orElseThrow().resolve("kernel/drivers");
            return Map.of("virtio_mmio.ko", Files.readAllBytes(drivers.resolve("virtio/virtio_mmio.ko")),
                    "virtio_console.ko", Files.readAllBytes(drivers.resolve("char/virtio_console.ko")));
        }
    }

    @Test
    void linuxWritesThroughTheEmulatedVirtioConsole(@TempDir Path dir) throws Exception {
        Plan p = plan();
        VmPlan lv = p.vm("linux");
        VmPlan withConsole = new VmPlan(lv.id(), lv.name(), lv.kind(), lv.management(), lv.cpus(), lv.memory(), lv.kernel(),
                lv.initrd(), lv.dtbIpa(), "console=hvc0 earlycon=pl011,0x9000000 rdinit=/init panic=-1", lv.passthrough(),
                List.of(new VmPlan.Virtio("console", 0x0a00_4000L, 0x200, 80)), lv.console(), lv.vgic(), lv.sharedWindows());
        Plan plan = new Plan(p.system(), p.board(), p.hypervisor(), List.of(withConsole, p.vm("bm")), p.shared());
        Map<String, byte[]> files = new TreeMap<>(virtioModules());
        files.put("init", RuntimeImages.linuxInit());
        Qemu.Result r = boot(plan, Cpio.withFiles(files), dir);
        assertTrue(r.lines().contains("[linux] init: hello through virtio-console"), r.output());
        // Once hvc0 is Linux's console, its kernel log too arrives through the virtio queue.
        List<String> lines = r.lines();
        int off = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("printk: bootconsole [pl11] disabled")) off = i;
        assertTrue(off > 0 && lines.stream().anyMatch(l -> l.contains("printk: console [hvc0] enabled")), r.output());
        int kmsg = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("] init: hello from Linux user space under shyper")) kmsg = i;
        assertTrue(kmsg > off, "the kernel's own log after the switch comes through virtio:\n" + r.output());
    }

    @Test
    void consoleInputReachesTheVmWithTheVirtioConsole(@TempDir Path dir) throws Exception {
        Plan p = plan();
        VmPlan lv = p.vm("linux");
        VmPlan withConsole = new VmPlan(lv.id(), lv.name(), lv.kind(), lv.management(), lv.cpus(), lv.memory(), lv.kernel(),
                lv.initrd(), lv.dtbIpa(), "console=hvc0 earlycon=pl011,0x9000000 rdinit=/init panic=-1", lv.passthrough(),
                List.of(new VmPlan.Virtio("console", 0x0a00_4000L, 0x200, 80)), lv.console(), lv.vgic(), lv.sharedWindows());
        Plan plan = new Plan(p.system(), p.board(), p.hypervisor(), List.of(withConsole, p.vm("bm")), p.shared());
        Map<String, byte[]> files = new TreeMap<>(virtioModules());
        files.put("init", RuntimeImages.linuxInit());
        files.put("echo", new byte[0]);
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        byte[] initrd = Cpio.withFiles(files);
        payloads.put("linux", new ImageLinker.GuestPayloads(Files.readAllBytes(kernel()),
                FdtWriter.write(Fdt.of(GuestDeviceTree.build(plan, plan.vm("linux"), initrd.length).toFdt())), initrd));
        payloads.put("bm", new ImageLinker.GuestPayloads(RuntimeImages.aarch64Guest("hello"), TestImages.dtb(plan, plan.vm("bm")), null));
        ImageLinker.link(plan, RuntimeImages.aarch64Runtime(), payloads).write(dir);
        Qemu.Result r = Qemu.run(Qemu.hypervisorCommand(dir.resolve("shyper.elf")), 120,
                "[linux] init: hello through virtio-console", "ping from the host\n");
        assertTrue(r.lines().contains("shyper: console input goes to vm linux (virtio-console)"), r.output());
        // the tty echoes the input as it arrives, so the echo may land inside init's line
        assertTrue(r.output().contains("init: got ping from the host"), r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void linuxBootsOnGicv3(@TempDir Path dir) throws Exception {
        boot(TestPlans.onGicv3(plan()), dir);
    }

    private static Qemu.Result boot(Plan plan, Path dir) throws Exception {
        return boot(plan, Cpio.withExecutable("init", RuntimeImages.linuxInit()), dir);
    }

    private static Qemu.Result boot(Plan plan, byte[] initrd, Path dir) throws Exception {
        byte[] kernel = Files.readAllBytes(kernel());
        VmPlan linux = plan.vm("linux");
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        payloads.put("linux", new ImageLinker.GuestPayloads(kernel,
                FdtWriter.write(Fdt.of(GuestDeviceTree.build(plan, linux, initrd.length).toFdt())), initrd));
        payloads.put("bm", new ImageLinker.GuestPayloads(RuntimeImages.aarch64Guest("hello"), TestImages.dtb(plan, plan.vm("bm")), null));
        ImageLinker.link(plan, RuntimeImages.aarch64Runtime(), payloads).write(dir);

        Qemu.Result r = Qemu.run(Qemu.hypervisorCommand(dir.resolve("shyper.elf"), TestImages.gicVersion(plan)), 120);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        List<String> lines = r.lines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[linux] [    0.000000] Booting Linux on physical CPU 0x0")), out);
        assertTrue(out.contains("[linux] [") && out.contains("psci: PSCIv1.0 detected in firmware."), out);
        assertTrue(out.contains("smp: Brought up 1 node, 2 CPUs"), out);
        assertTrue(out.contains("init: hello from Linux user space under shyper"), out);
        assertTrue(lines.contains("shyper: vm linux stopped: SYSTEM_OFF"), out);
        assertTrue(lines.contains("[bm] vcpu 1: 3 timer ticks"), out);
        System.out.printf("MEASURE Linux guest (GICv%d): first console line %d ms, user space %d ms, whole run %d ms%n",
                TestImages.gicVersion(plan), r.firstMillis("[linux]"), lines.stream().filter(l -> l.contains("init: hello")).findFirst()
                        .map(l -> r.timed().get(lines.indexOf(l)).millis()).orElse(-1L), r.millis());
        assertEquals(0, r.exitCode(), out);
        return r;
    }
}
