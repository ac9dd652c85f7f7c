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
 * shyper.bin to the load address and starts it, exactly as the emitter wrote the script (booti).
 */
class UBootTest {

    static final Path UBOOT = Path.of("/usr/lib/u-boot/qemu_arm64/u-boot.bin");

    @Test
    void uBootRunsTheGeneratedBootScriptAndTheImageBoots(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(UBOOT), UBOOT + " missing: install the Debian package u-boot-qemu");
        Plan plan = BootTest.threeVms();
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Files.write(disk.resolve("shyper.bin"), TestImages.link(plan, BootTest.HELLO).bin());
        Files.write(disk.resolve("boot.scr"), BootScript.image(plan));

        Qemu.Result r = Qemu.run(List.of("qemu-system-aarch64", "-machine", "virt,virtualization=on,gic-version=2",
                "-cpu", "cortex-a57", "-smp", "4", "-m", "2G", "-display", "none", "-monitor", "none", "-serial", "stdio",
                "-no-reboot", "-nic", "none", "-bios", UBOOT.toString(),
                "-drive", "if=none,format=raw,id=boot,readonly=on,file=fat:" + disk, "-device", "virtio-blk-device,drive=boot"), 90);
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
}
