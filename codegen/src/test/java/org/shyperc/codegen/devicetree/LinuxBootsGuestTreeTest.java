package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.emit.Golden;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Debian's arm64 kernel boots on QEMU virt with a guest DTB we generated, and its own log
 * shows the memory and command line that DTB declares. QEMU rewrites /memory of a DTB given
 * with -dtb, so kernel and DTB are loaded raw and a six-instruction shim enters the kernel
 * with x0 = DTB address, as the arm64 boot protocol asks.
 *
 * virtualization=on makes QEMU's PSCI answer SMC, the conduit our guest trees name (the
 * runtime traps guest SMCs); the kernel then starts at EL2, which Linux accepts.
 */
@Tag("linux")
@Tag("qemu")
class LinuxBootsGuestTreeTest {

    private static final long SHIM = 0x47ff_f000L;
    private static final int TIMEOUT_SECONDS = 90;

    @TempDir
    Path dir;

    static Path kernel() {
        String cache = System.getProperty("shyperc.linux.cache", System.getenv().getOrDefault("SHYPERC_LINUX_CACHE",
                System.getProperty("user.home") + "/.cache/shyperc/linux"));
        Path image = Path.of(cache, "Image");
        if (!Files.isRegularFile(image)) {
            fail("No arm64 Linux kernel at " + image + ": run tests/linux/fetch-kernel.sh first (CI does).");
        }
        return image;
    }

    /** ldr x0, dtb; mov x1..x3, xzr; ldr x4, kernel; br x4; then the two literals. */
    static byte[] entryShim(long dtb, long kernelEntry) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x5800_00C0);   // ldr x0, [pc, #24]
        b.putInt(0xAA1F_03E1);   // mov x1, xzr
        b.putInt(0xAA1F_03E2);   // mov x2, xzr
        b.putInt(0xAA1F_03E3);   // mov x3, xzr
        b.putInt(0x5800_0084);   // ldr x4, [pc, #16]
        b.putInt(0xD61F_0080);   // br x4
        b.putLong(dtb);
        b.putLong(kernelEntry);
        return b.array();
    }

    /** Boots the VM's kernel with the given guest DTB on plain QEMU virt; returns the run. */
    private Tool.Run boot(VmPlan vm, byte[] dtb, String machine) throws IOException {
        Path kernel = kernel();
        String qemu = Tool.require("qemu-system-aarch64", "qemu-system-arm");
        Files.write(dir.resolve("guest.dtb"), dtb);
        Files.write(dir.resolve("shim.bin"), entryShim(vm.dtbIpa(), vm.kernel().entry()));
        return Tool.run(dir, TIMEOUT_SECONDS, qemu,
                "-machine", machine, "-cpu", "cortex-a57", "-nic", "none", "-m", "1G",
                "-smp", Integer.toString(vm.cpus().size()), "-nographic", "-no-reboot", "-monitor", "none",
                "-device", "loader,file=" + kernel + ",addr=0x" + Long.toHexString(vm.kernel().ipa()) + ",force-raw=on",
                "-device", "loader,file=guest.dtb,addr=0x" + Long.toHexString(vm.dtbIpa()) + ",force-raw=on",
                "-device", "loader,file=shim.bin,addr=0x" + Long.toHexString(SHIM) + ",force-raw=on",
                "-device", "loader,addr=0x" + Long.toHexString(SHIM) + ",cpu-num=0");
    }

    /**
     * The whole path a user takes: .shy source, the real front end, our emitters, Linux; once
     * with the project's board file, once with a board imported from QEMU's own DTB.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boards/qemu-virt.shy", "import dtb of QEMU's DTB"})
    void linuxBootsTheTreeOfACompiledSystem(String board) throws IOException {
        Path system = Golden.source("linux/system.shy");
        if (!board.startsWith("boards/")) {
            String qemu = Tool.require("qemu-system-aarch64", "qemu-system-arm");
            Tool.Run dump = Tool.run(dir, 60, qemu, "-machine", "virt,virtualization=on,gic-version=2,dumpdtb=virt.dtb",
                    "-cpu", "cortex-a57", "-nic", "none", "-smp", "4", "-m", "2G", "-nographic");
            assertEquals(0, dump.exitCode(), dump.stderr());
            String imported = DtbBoardImporter.importBoard(Files.readAllBytes(dir.resolve("virt.dtb")), "qemu-virt",
                    "virt.dtb", new DtbBoardImporter.HypervisorHint(0x4000_0000L, 128L << 20, 0x4008_0000L)).orThrow();
            Files.writeString(dir.resolve("board.shy"), imported);
            system = dir.resolve("system.shy");
            Files.writeString(system, Files.readString(Golden.source("linux/system.shy"))
                    .replace("import \"../../../../../boards/qemu-virt.shy\"", "import \"board.shy\"")
                    .replace("passthrough rtc", "passthrough pl031-9010000"));
        }
        Plan plan = Examples.plans(system).get(0);
        VmPlan vm = plan.vms().get(0);
        Tool.Run run = boot(vm, BuildOutputs.emitAll(plan, Examples.inputs(plan)).get(vm.name() + ".dtb"),
                "virt,virtualization=on");
        String log = run.stdout();
        String why = "kernel log:\n" + log + "\nstderr:\n" + run.stderr();
        VmPlan.Region ram = vm.memory().get(0);
        assertTrue(log.contains(String.format("node   0: [mem 0x%016x-0x%016x]", ram.ipa(), ram.ipaEnd() - 1)), why);
        assertTrue(log.contains("/" + ram.size() / 1024 + "K available"), why);
        assertTrue(log.contains("Kernel command line: " + vm.bootargs()), why);
        assertTrue(log.contains("SMP: Total of 2 processors activated"), why);
        // loaded at a 2 MiB boundary, as the boot protocol asks (off it, 6.1 prints "[Firmware Bug]: Kernel image misaligned")
        assertFalse(log.contains("[Firmware Bug]"), why);
        // The board's rtc came from QEMU's DTB (node pl031@9010000, clock-names kept there): the guest
        // node must still carry a clock the AMBA bus can enable, or the driver never probes.
        assertTrue(log.contains("rtc-pl031 9010000.pl031: registered as rtc0"), why);
        assertTrue(log.contains("Kernel panic"), "ends without a root file system; " + why);
    }

    @ParameterizedTest(name = "GICv{0}")
    @ValueSource(ints = {2, 3})
    void linuxReportsTheDeclaredMemoryAndBootargs(int gicVersion) throws IOException {
        Path kernel = kernel();
        String qemu = Tool.require("qemu-system-aarch64", "qemu-system-arm");
        Plan plan = gicVersion == 2 ? TestPlans.linuxBoot() : TestPlans.linuxBootGicv3();
        VmPlan vm = plan.vms().get(0);
        Files.write(dir.resolve("guest.dtb"), BuildOutputs.emitAll(plan, TestPlans.inputs()).get(vm.name() + ".dtb"));
        Files.write(dir.resolve("shim.bin"), entryShim(vm.dtbIpa(), vm.kernel().entry()));
        Files.write(dir.resolve("initrd.cpio"), TestPlans.bootInitrd());

        Tool.Run run = Tool.run(dir, TIMEOUT_SECONDS, qemu,
                "-machine", "virt,virtualization=on,gic-version=" + gicVersion, "-cpu", "cortex-a57", "-nic", "none", "-m", "1G",
                "-smp", Integer.toString(vm.cpus().size()),
                "-nographic", "-no-reboot", "-monitor", "none",
                "-device", "loader,file=" + kernel + ",addr=0x" + Long.toHexString(vm.kernel().ipa()) + ",force-raw=on",
                "-device", "loader,file=guest.dtb,addr=0x" + Long.toHexString(vm.dtbIpa()) + ",force-raw=on",
                "-device", "loader,file=initrd.cpio,addr=0x" + Long.toHexString(vm.initrd().ipa()) + ",force-raw=on",
                "-device", "loader,file=shim.bin,addr=0x" + Long.toHexString(SHIM) + ",force-raw=on",
                "-device", "loader,addr=0x" + Long.toHexString(SHIM) + ",cpu-num=0");
        String log = run.stdout();
        String why = "kernel log:\n" + log + "\nstderr:\n" + run.stderr();

        VmPlan.Region ram = vm.memory().get(0);
        long kib = ram.size() / 1024;
        Matcher m = Pattern.compile("Memory: \\d+K/(\\d+)K available").matcher(log);
        assertTrue(m.find(), why);
        assertTrue(m.group(1).equals(Long.toString(kib)), "kernel saw " + m.group(1) + "K, DTB says " + kib + "K");
        assertTrue(log.contains(String.format("node   0: [mem 0x%016x-0x%016x]", ram.ipa(), ram.ipaEnd() - 1)), why);
        assertTrue(log.contains("Kernel command line: " + vm.bootargs()), why);
        assertTrue(log.contains("Machine model: shyperc boot/linux on QEMU virt"), why);
        assertFalse(log.contains("[Firmware Bug]"), "kernel at a 2 MiB boundary; " + why);
        if (gicVersion == 3) {
            // The distributor and the redistributor region of our interrupt-controller node.
            assertTrue(log.contains("GICv3: CPU0: found redistributor 0 region 0:0x00000000080a0000"), why);
            assertTrue(log.contains("GICv3: CPU1: found redistributor 1 region 0:0x00000000080c0000"), why);
        } else {
            assertTrue(log.contains("GIC: Using split EOI/Deactivate mode"), why);
        }
        assertTrue(log.contains("psci: PSCIv1.1 detected in firmware."), "PSCI over SMC; " + why);
        assertTrue(log.contains("ttyAMA0 at MMIO 0x9000000"), "the console node probed; " + why);
        // The passthrough node (compatible, reg, GIC SPI, apb_pclk) reaches its driver. (Debian builds
        // virtio-mmio as a module, so the virtio node cannot be proven this way without a root fs.)
        assertTrue(log.contains("rtc-pl031 9010000.rtc: registered as rtc0"), why);
        // Both vCPUs of /cpus come up through PSCI CPU_ON.
        assertTrue(log.contains("SMP: Total of " + vm.cpus().size() + " processors activated"), why);
        // linux,initrd-start/-end point at the cpio: the kernel unpacks it and finds our /init.
        assertTrue(log.contains("Trying to unpack rootfs image as initramfs"), why);
        assertFalse(log.contains("Initramfs unpacking failed"), why);
        assertTrue(log.contains("Failed to execute /init"), why);
        // The run ends on purpose: /init cannot run, the kernel panics, panic=-1 reboots, -no-reboot exits.
        assertTrue(log.contains("Kernel panic"), why);
    }
}
