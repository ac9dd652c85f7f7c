package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.devicetree.GuestDeviceTree;
import org.shyperc.codegen.fdt.Fdt;
import org.shyperc.codegen.fdt.FdtNode;
import org.shyperc.codegen.fdt.FdtProperty;
import org.shyperc.codegen.fdt.FdtWriter;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;

/**
 * Linux in a VM receives doorbells from a bare-metal VM (issue 13): the count of the doorbell's interrupt in Linux's
 * /proc/interrupts rises while the bare-metal VM rings.
 *
 * <p>The channel node of Linux's device tree carries the doorbell's `interrupts` (with `compatible` and `reg`), made
 * for `uio_pdrv_genirq` (`of_id=shyperc,shared-memory`). Debian's arm64 kernel does not build that driver (not even
 * as a module: `CONFIG_UIO_PDRV_GENIRQ` is not set), so the test copies the channel node's `interrupts` specifier,
 * as generated, into a `gpio-keys` button (an interrupt-only key; Debian ships gpio_keys.ko), whose driver requests
 * the line. What is shown is the same: the interrupt the channel node names arrives in Linux, once per ring that
 * raised it.
 */
@Tag("linux")
@Tag("qemu")
class LinuxDoorbellTest {
    private static final long CHAN_PA = 0x6400_0000L, LINUX_CHAN = 0x5000_0000L, BM_CHAN = 0x4800_0000L;
    private static final Pattern COUNT = Pattern.compile("init: doorbell (before|after) +\\d+: +(\\d+) +(\\d+) ");

    static Plan plan() {
        Plan base = LinuxGuestTest.plan();
        VmPlan lv = base.vm("linux");
        VmPlan linux = new VmPlan(lv.id(), lv.name(), lv.kind(), lv.management(), lv.cpus(), lv.memory(), lv.kernel(),
                lv.initrd(), lv.dtbIpa(), lv.bootargs(), lv.passthrough(), lv.virtio(), lv.console(), lv.vgic(),
                List.of(new VmPlan.SharedWindow("chan", LINUX_CHAN, CHAN_PA, 0x1000, true)));
        VmPlan bm = TestPlans.bootargs(TestPlans.vm(1, "bm", List.of(2, 3), 0x6000_0000L, List.of(),
                List.of(new VmPlan.SharedWindow("chan", BM_CHAN, CHAN_PA, 0x1000, true))),
                "role=3 shm=0x48000000 ring=0 irq=0x60");
        SharedPlan chan = new SharedPlan("chan", CHAN_PA, 0x1000, List.of(new SharedPlan.Mapping("linux", LINUX_CHAN, true),
                new SharedPlan.Mapping("bm", BM_CHAN, true)));
        return new Plan("linux-doorbell", base.board(), base.hypervisor(), List.of(linux, bm), List.of(chan),
                List.of(new DoorbellPlan(0, "chan", "bm", "linux", 80)));
    }

    @Test
    void linuxCountsTheDoorbellsOfABareMetalVmGicv2(@TempDir Path dir) throws Exception {
        run(plan(), dir);
    }

    @Test
    void linuxCountsTheDoorbellsOfABareMetalVmGicv3(@TempDir Path dir) throws Exception {
        run(TestPlans.onGicv3(plan()), dir);
    }

    private static void run(Plan plan, Path dir) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("init", RuntimeImages.linuxInit());
        files.put("doorbell", new byte[0]);
        files.put("gpio_keys.ko", Files.readAllBytes(gpioKeys()));
        byte[] initrd = Cpio.withFiles(files);
        VmPlan linux = plan.vm("linux");
        FdtNode root = GuestDeviceTree.build(plan, linux, initrd.length).toFdt();
        FdtNode channel = root.child("shm@" + Long.toHexString(LINUX_CHAN));
        assertNotNull(channel, "no channel node");
        assertEquals(List.of("shyperc,shared-memory"), channel.property("compatible").strings());
        assertNotNull(channel.property("reg"));
        FdtProperty interrupts = channel.property("interrupts");
        assertEquals(List.of(0L, 80L - 32, 1L), java.util.Arrays.stream(interrupts.cells()).boxed().toList(),
                "the channel node names SPI 80, edge-triggered");
        FdtNode button = new FdtNode("doorbell", List.of(string("label", "doorbell"), new FdtProperty("linux,code", cell(0x100)),
                new FdtProperty("interrupts", interrupts.value())), List.of());
        List<FdtNode> children = new ArrayList<>(root.children());
        children.add(new FdtNode("gpio-keys", List.of(string("compatible", "gpio-keys")), List.of(button)));
        byte[] dtb = FdtWriter.write(Fdt.of(new FdtNode(root.name(), root.properties(), children)));

        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        payloads.put("linux", new ImageLinker.GuestPayloads(Files.readAllBytes(LinuxGuestTest.kernel()), dtb, initrd));
        payloads.put("bm", new ImageLinker.GuestPayloads(RuntimeImages.aarch64Guest("doorbell"), TestImages.dtb(plan, plan.vm("bm")),
                null));
        ImageLinker.link(plan, RuntimeImages.aarch64Runtime(), payloads).write(dir);
        Qemu.Result r = Qemu.run(Qemu.hypervisorCommand(dir.resolve("shyper.elf"), TestImages.gicVersion(plan)), 150);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        long before = -1, after = -1;
        for (String line : r.lines()) {
            Matcher m = COUNT.matcher(line);
            if (!m.find()) continue;
            long n = Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));   // both vCPUs' columns
            if (m.group(1).equals("before")) before = n;
            else after = n;
        }
        assertTrue(before >= 0 && after > before, "the doorbell's count in /proc/interrupts rises:\n" + out);
        assertTrue(out.contains("[bm] rang Linux: "), out);
        assertTrue(r.lines().contains("shyper: vm linux stopped: SYSTEM_OFF"), out);
        System.out.printf("MEASURE Linux doorbell (GICv%d): /proc/interrupts %d before, %d after%n", TestImages.gicVersion(plan),
                before, after);
    }

    /** Debian's gpio_keys.ko, beside the kernel the Linux tests boot (tests/linux/fetch-kernel.sh unpacks both). */
    private static Path gpioKeys() throws Exception {
        Path modules = LinuxGuestTest.kernel().getParent().resolve("root/lib/modules");
        try (var s = Files.walk(modules)) {
            return s.filter(p -> p.getFileName().toString().startsWith("gpio_keys.ko")).findFirst()
                    .orElseThrow(() -> new AssertionError("no gpio_keys.ko under " + modules));
        }
    }

    private static FdtProperty string(String name, String value) {
        return new FdtProperty(name, (value + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] cell(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
