package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import org.shyperc.codegen.fdt.FdtNode;
import org.shyperc.codegen.fdt.FdtProperty;
import org.shyperc.codegen.fdt.FdtWriter;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Debian's arm64 Linux on QEMU's Raspberry Pi 4 model: as a 2-vCPU guest of the hypervisor (examples/rpi4-qemu/linux.shy,
 * compiled by the front end), reaching user space beside a bare-metal VM; and the same kernel, initramfs and device tree
 * booted without the hypervisor, for the times. Fails, never skips, without the kernel or QEMU 10.
 */
@Tag("linux")
@Tag("qemu")
class Rpi4LinuxTest {

    static final String USER_SPACE = "init: hello from Linux user space under shyper";

    static Plan plan() {
        return ExampleSystemsTest.compile("rpi4-qemu", "linux.shy");
    }

    static byte[] initrd() {
        return Cpio.withExecutable("init", RuntimeImages.linuxInit());
    }

    @Test
    void linuxReachesUserSpaceOnTwoVcpusBesideABareMetalVm(@TempDir Path dir) throws Exception {
        Plan plan = plan();
        VmPlan linux = plan.vm("linux");
        byte[] initrd = initrd();
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        payloads.put("linux", new ImageLinker.GuestPayloads(Files.readAllBytes(LinuxGuestTest.kernel()),
                FdtWriter.write(Fdt.of(GuestDeviceTree.build(plan, linux, initrd.length).toFdt())), initrd));
        payloads.put("bm", new ImageLinker.GuestPayloads(RuntimeImages.aarch64Guest("hello"), TestImages.dtb(plan, plan.vm("bm")), null));
        ImageLinker.link(plan, RuntimeImages.aarch64Runtime(), payloads).write(dir);

        Qemu.Result r = Qemu.run(Qemu.raspi4bCommand(dir.resolve("shyper.bin"), 0), 300);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[linux] [    0.000000] Booting Linux on physical CPU 0x0")), out);
        assertTrue(out.contains("psci: PSCIv1.0 detected in firmware."), out);
        assertTrue(out.contains("smp: Brought up 1 node, 2 CPUs"), out);
        assertTrue(out.contains(USER_SPACE), out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[linux] ") && l.contains("init: hello through /dev/console")), out);   // the emulated PL011's tty
        assertTrue(lines.contains("shyper: vm linux stopped: SYSTEM_OFF"), out);
        assertTrue(lines.contains("[bm] vcpu 1: 3 timer ticks"), out);
        System.out.printf("MEASURE raspi4b Linux guest: first console line %d ms, user space %d ms, whole run %d ms%n",
                r.firstMillis("[linux]"), millisOf(r, USER_SPACE), r.millis());
        assertEquals(0, r.exitCode(), out);
    }

    /**
     * The same kernel, initramfs, command line and device tree (the PL011, the GIC-400) straight on raspi4b, with what the
     * model's firmware has instead of PSCI: the cores start from its spin table, and there is no PSCI node (an SMC never
     * returns there). QEMU writes the model's 960 MiB into the tree; `mem=` keeps Linux to the guest's 256 MiB. All four
     * cores are Linux's: the model's stub spins the cores nobody releases (WFE does not sleep under TCG) and would take
     * the host's CPU from the others, where under the hypervisor they sleep in WFI. Linux cannot power the model off,
     * so the run ends at user space.
     */
    @Test
    void theSameLinuxWithoutHypervisorForComparison(@TempDir Path dir) throws Exception {
        Plan plan = plan();
        VmPlan linux = plan.vm("linux");
        byte[] initrd = initrd();
        Files.write(dir.resolve("initrd.cpio"), initrd);
        FdtNode tree = withSpinTable(GuestDeviceTree.build(plan, linux, initrd.length).toFdt());
        Files.write(dir.resolve("linux.dtb"), FdtWriter.write(Fdt.of(tree)));
        List<String> cmd = new ArrayList<>(List.of(Qemu.raspi4bQemu(), "-machine", "raspi4b", "-m", "2G", "-display", "none",
                "-monitor", "none", "-serial", "stdio", "-no-reboot", "-kernel", LinuxGuestTest.kernel().toString(),
                "-dtb", dir.resolve("linux.dtb").toString(), "-initrd", dir.resolve("initrd.cpio").toString(),
                "-append", linux.bootargs() + " mem=" + (linux.memory().get(0).size() >> 20) + "M"));
        Qemu.Result r = Qemu.runUntil(cmd, 300, USER_SPACE);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertTrue(out.contains("smp: Brought up 1 node, 4 CPUs"), out);
        assertTrue(out.contains(USER_SPACE), out);
        System.out.printf("MEASURE raspi4b Linux without hypervisor: first console line %d ms, user space %d ms%n",
                r.firstMillis("["), millisOf(r, USER_SPACE));
    }

    static long millisOf(Qemu.Result r, String text) {
        return r.timed().stream().filter(l -> l.text().contains(text)).mapToLong(Qemu.Line::millis).findFirst().orElse(-1);
    }

    /** The guest tree with the model's four cores, on its spin table (0xd8 + 8 x core), and no PSCI node. */
    static FdtNode withSpinTable(FdtNode root) {
        List<FdtNode> children = new ArrayList<>();
        for (FdtNode c : root.children()) {
            if (c.name().equals("psci")) continue;
            if (!c.name().equals("cpus")) { children.add(c); continue; }
            FdtNode first = c.children().get(0);
            List<FdtNode> cpus = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                List<FdtProperty> props = new ArrayList<>();
                for (FdtProperty p : first.properties()) {
                    if (!p.name().equals("enable-method") && !p.name().equals("reg")) props.add(p);
                }
                props.add(new FdtProperty("reg", ByteBuffer.allocate(4).putInt(n).array()));
                props.add(new FdtProperty("enable-method", "spin-table\0".getBytes(StandardCharsets.US_ASCII)));
                props.add(new FdtProperty("cpu-release-addr", ByteBuffer.allocate(8).putLong(0xd8 + 8L * n).array()));
                cpus.add(new FdtNode("cpu@" + n, props, List.of()));
            }
            children.add(new FdtNode(c.name(), c.properties(), cpus));
        }
        return new FdtNode(root.name(), root.properties(), children);
    }
}
