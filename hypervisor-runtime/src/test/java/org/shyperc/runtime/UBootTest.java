package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.uboot.BootScript;
import org.shyperc.plan.Plan;

/**
 * Boots as on a board: Debian's U-Boot for QEMU (package u-boot-qemu) finds boot.scr on a FAT disk, loads
 * shyper.bin to the load address and starts it, exactly as the emitter wrote the script (booti). On aarch64 U-Boot
 * runs at EL2 as QEMU's firmware; on riscv64 in S-mode after OpenSBI, as QEMU's `-kernel`.
 */
class UBootTest {

    static final Path UBOOT = Path.of("/usr/lib/u-boot/qemu_arm64/u-boot.bin");
    static final Path UBOOT_RISCV = Path.of("/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin");

    /** A FAT disk holding shyper.bin and the boot.scr the emitter writes for {@code plan}, as QEMU arguments. */
    static List<String> disk(Path dir, Plan plan, byte[] bin) throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Files.write(disk.resolve("shyper.bin"), bin);
        Files.write(disk.resolve("boot.scr"), BootScript.image(plan));
        return List.of("-drive", "if=none,format=raw,id=boot,readonly=on,file=fat:" + disk, "-device", "virtio-blk-device,drive=boot");
    }

    @Test
    void uBootRunsTheGeneratedBootScriptAndTheImageBoots(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(UBOOT), UBOOT + " missing: install the Debian package u-boot-qemu");
        Plan plan = BootTest.threeVms();
        List<String> cmd = new java.util.ArrayList<>(List.of("qemu-system-aarch64", "-machine", "virt,virtualization=on,gic-version=2",
                "-cpu", "cortex-a57", "-smp", "4", "-m", "2G", "-display", "none", "-monitor", "none", "-serial", "stdio",
                "-no-reboot", "-nic", "none", "-bios", UBOOT.toString()));
        cmd.addAll(disk(dir, plan, TestImages.link(plan, BootTest.HELLO).bin()));
        Qemu.Result r = Qemu.run(cmd, 90);
        String log = r.output();
        assertFalse(r.timedOut(), log);
        assertTrue(log.contains("Found U-Boot script /boot.scr"), log);
        assertTrue(log.contains("shyperc: loading shyper.bin to 0x40080000"), log);
        assertTrue(log.contains("Starting kernel ..."), log);
        for (String line : List.of("[alpha] all 1 vcpus done", "[beta] all 2 vcpus done", "[gamma] all 1 vcpus done",
                "shyper: every VM has stopped, powering off (status 0)")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + log);
        }
        System.out.printf("MEASURE U-Boot boot: script found %d ms, first VM output %d ms after QEMU start%n",
                r.firstMillis("Found U-Boot script"), r.firstMillis("[alpha]"));
        assertEquals(0, r.exitCode(), log);
    }

    /**
     * The shipped riscv64 runtime, linked for the three-VM system, from U-Boot's booti: its RISC-V Image header must
     * keep booti from moving it (U-Boot would move it over OpenSBI's memory and fault), and the boot hart comes in
     * with the hart ID in a0 as from OpenSBI.
     */
    @Test
    void uBootRunsTheGeneratedBootScriptAndTheRiscvImageBoots(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(UBOOT_RISCV), UBOOT_RISCV + " missing: install the Debian package u-boot-qemu");
        Plan plan = RiscvPlans.threeVms();
        List<String> cmd = new java.util.ArrayList<>(List.of("qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64",
                "-smp", "4", "-m", "2G", "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
                "-nic", "none", "-bios", "default", "-kernel", UBOOT_RISCV.toString()));
        cmd.addAll(disk(dir, plan, RiscvBootTest.link(plan, RiscvBootTest.HELLO, RuntimeImages.riscv64Runtime()).bin()));
        Qemu.Result r = Qemu.run(cmd, 90);
        String log = r.output();
        assertFalse(r.timedOut(), log);
        assertTrue(log.contains("Found U-Boot script /boot.scr"), log);
        assertTrue(log.contains("shyperc: loading shyper.bin to 0x80200000"), log);
        assertFalse(log.contains("Moving Image"), "booti moved the image off its load address:\n" + log);
        assertTrue(log.contains("Starting kernel ..."), log);
        assertTrue(log.contains("shyper: system demo, 3 VMs on 4 harts, runtime"), log);
        for (String line : List.of("[alpha] vcpu 0: hello (hart 0, s-mode)", "[beta] vcpu 1: hello (hart 1, s-mode)",
                "[alpha] all 1 vcpus done", "[beta] all 2 vcpus done", "[gamma] all 1 vcpus done",
                "shyper: every VM has stopped, powering off (status 0)")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + log);
        }
        System.out.printf("MEASURE U-Boot boot (riscv64): script found %d ms, first VM output %d ms after QEMU start%n",
                r.firstMillis("Found U-Boot script"), r.firstMillis("[alpha]"));
        assertEquals(0, r.exitCode(), log);
    }
}
