package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Debian 13's riscv64 Linux 6.12 as an SMP guest (2 vCPUs, VS-mode) beside a bare-metal VM: boots from its generated
 * DTB and a one-file initramfs, reaches user space, and shuts its VM down with SBI SRST.
 */
@Tag("linux")
@Tag("qemu")
class RiscvLinuxGuestTest {

    static final String BOOTARGS = "earlycon=sbi console=ttyS0 rdinit=/init panic=-1";
    /** Without the hypervisor: OpenSBI 1.1 has no debug console (SBI 1.0), so the early console is the UART itself. */
    static final String DIRECT_BOOTARGS = "earlycon=uart8250,mmio,0x10000000 console=ttyS0 rdinit=/init panic=-1";

    static Path kernel() {
        String cache = System.getProperty("shyperc.linux.riscv64.cache", System.getenv().getOrDefault("SHYPERC_LINUX_RISCV64_CACHE",
                System.getProperty("user.home") + "/.cache/shyperc/linux-riscv64"));
        Path image = Path.of(cache, "Image");
        if (!Files.isRegularFile(image)) {
            fail("No riscv64 Linux kernel at " + image + ": run tests/linux/fetch-kernel-riscv64.sh first (install-deps does).");
        }
        return image;
    }

    static Plan plan() {
        long ipa = 0x8000_0000L, mib = 1L << 20;
        BoardPlan b = RiscvPlans.qemuRiscv();
        // A 31 MB kernel rides in the image: a 96 MiB reservation in a larger hypervisor bank.
        BoardPlan board = new BoardPlan(b.name(), b.arch(), b.compatible(), b.model(), b.cpus(),
                List.of(new BoardPlan.MemoryBank("hyp", 0x8020_0000L, 126 * mib), new BoardPlan.MemoryBank("dram", 0x8800_0000L, 1920 * mib)),
                b.interruptController(), b.timerIrqs(), b.devices());
        VmPlan linux = new VmPlan(0, "linux", VmPlan.Kind.LINUX, true, List.of(0, 1),
                List.of(new VmPlan.Region(ipa, 0x9000_0000L, 256 * mib)),
                new VmPlan.Image("Image", ipa + 2 * mib, ipa + 2 * mib), new VmPlan.Image("initrd", ipa + 128 * mib, ipa + 128 * mib),
                ipa + 192 * mib, BOOTARGS, List.of(), List.of(), new VmPlan.Console("ns16550a", 0x1000_0000L, 0x1000),
                new VmPlan.VirtualGic(0, 0, 0, 0, 0, 0), List.of());
        VmPlan bm = RiscvPlans.vm(1, "bm", List.of(2, 3), 0xa000_0000L, List.of(), List.of());
        return new Plan("linux", board, new HypervisorPlan(0x8020_0000L, 96 * mib, 0x8020_0000L, "uart0", 0, 0, 0),
                List.of(linux, bm), List.of());
    }

    @Test
    void linuxBootsToUserSpaceOnTwoVcpusAndShutsOnlyItsVmDown(@TempDir Path dir) throws Exception {
        Plan plan = plan();
        byte[] initrd = Cpio.withExecutable("init", RuntimeImages.riscv64LinuxInit());
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        payloads.put("linux", new ImageLinker.GuestPayloads(Files.readAllBytes(kernel()),
                FdtWriter.write(Fdt.of(GuestDeviceTree.build(plan, plan.vm("linux"), initrd.length).toFdt())), initrd));
        payloads.put("bm", new ImageLinker.GuestPayloads(RuntimeImages.riscv64Guest("hello"), TestImages.dtb(plan, plan.vm("bm")), null));
        ImageLinker.link(plan, RuntimeImages.riscv64Runtime(), payloads).write(dir);

        Qemu.Result r = Qemu.run(Qemu.riscvCommand(dir.resolve("shyper.elf")), 180);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[linux] [    0.000000] Linux version 6.")), out);
        assertTrue(out.contains("SBI specification v2.0 detected"), out);
        assertTrue(out.contains("smp: Brought up 1 node, 2 CPUs"), out);
        assertTrue(out.contains("init: hello from Linux user space under shyper"), out);
        // user space's own write to the emulated 16550, which Linux's 8250 driver polls (it has no interrupt); the
        // line may start with what the driver left on it before (a control character, shown as `.`), and its line
        // break may come after the kernel's next message (seen on a fresh Debian 12: the poll had not sent it yet)
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[linux] ") && l.contains("init: hello through /dev/console")), out);
        assertTrue(lines.contains("shyper: vm linux stopped: SBI system shutdown"), out);
        assertTrue(lines.contains("[bm] vcpu 1: 3 timer ticks"), out);
        System.out.printf("MEASURE riscv64 Linux guest: first console line %d ms, user space %d ms, whole run %d ms%n",
                r.firstMillis("[linux]"), millisOf(r, "init: hello"), r.millis());
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void theSameLinuxWithoutHypervisorForComparison(@TempDir Path dir) throws Exception {
        Path initrd = dir.resolve("initrd.cpio");
        Files.write(initrd, Cpio.withExecutable("init", RuntimeImages.riscv64LinuxInit()));
        List<String> cmd = new ArrayList<>(List.of("qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64", "-nic", "none",
                "-smp", "2", "-m", "256M", "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-bios", "default",
                "-kernel", kernel().toString(), "-initrd", initrd.toString(), "-append", DIRECT_BOOTARGS));
        Qemu.Result r = Qemu.run(cmd, 180);
        assertTrue(r.output().contains("init: hello from Linux user space under shyper"), r.output());
        System.out.printf("MEASURE riscv64 Linux without hypervisor: first console line %d ms, user space %d ms, whole run %d ms%n",
                r.firstMillis("[    0.000000]"), millisOf(r, "init: hello"), r.millis());
        assertEquals(0, r.exitCode(), r.output());
    }

    static long millisOf(Qemu.Result r, String text) {
        return r.timed().stream().filter(l -> l.text().contains(text)).mapToLong(Qemu.Line::millis).findFirst().orElse(-1);
    }

    /** The kernel's virtio-mmio module (Debian 13 ships it xz-compressed; the test /init loads it either way). */
    static byte[] virtioMmioModule() throws java.io.IOException {
        Path mods = kernel().getParent().resolve("root/usr/lib/modules");
        try (var versions = Files.list(mods)) {
            return Files.readAllBytes(versions.findFirst().orElseThrow().resolve("kernel/drivers/virtio/virtio_mmio.ko.xz"));
        }
    }

    @Test
    void linuxWritesAndReadsThroughTheEmulatedVirtioConsole(@TempDir Path dir) throws Exception {
        Plan p = plan();
        VmPlan lv = p.vm("linux");
        VmPlan withConsole = new VmPlan(lv.id(), lv.name(), lv.kind(), lv.management(), lv.cpus(), lv.memory(), lv.kernel(),
                lv.initrd(), lv.dtbIpa(), "earlycon=sbi console=hvc0 rdinit=/init panic=-1", lv.passthrough(),
                List.of(new VmPlan.Virtio("console", 0x4000_1000L, 0x1000, 46)), lv.console(), lv.vgic(), lv.sharedWindows());
        Plan plan = new Plan(p.system(), p.board(), p.hypervisor(), List.of(withConsole, p.vm("bm")), p.shared());
        Map<String, byte[]> files = new TreeMap<>();
        files.put("virtio_mmio.ko", virtioMmioModule());
        files.put("init", RuntimeImages.riscv64LinuxInit());
        files.put("echo", new byte[0]);
        byte[] initrd = Cpio.withFiles(files);
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        payloads.put("linux", new ImageLinker.GuestPayloads(Files.readAllBytes(kernel()),
                FdtWriter.write(Fdt.of(GuestDeviceTree.build(plan, plan.vm("linux"), initrd.length).toFdt())), initrd));
        payloads.put("bm", new ImageLinker.GuestPayloads(RuntimeImages.riscv64Guest("hello"), TestImages.dtb(plan, plan.vm("bm")), null));
        ImageLinker.link(plan, RuntimeImages.riscv64Runtime(), payloads).write(dir);
        Qemu.Result r = Qemu.run(Qemu.riscvCommand(dir.resolve("shyper.elf")), 180, "[linux] init: hello through virtio-console",
                "ping from the host\n");
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertTrue(r.lines().contains("shyper: console input goes to vm linux (virtio-console)"), out);
        assertTrue(r.lines().contains("[linux] init: hello through virtio-console"), out);
        assertTrue(out.contains("printk: legacy console [hvc0] enabled") || out.contains("printk: console [hvc0] enabled"), out);
        // the tty echoes the input as it arrives, so the echo may land inside init's line
        assertTrue(out.contains("init: got ping from the host"), out);
        assertEquals(0, r.exitCode(), out);
    }
}
