package org.shyperc.codegen.uboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.output.OutputTree;

/**
 * Debian's U-Boot for QEMU finds our boot.scr on a FAT disk, runs it, loads shyper.bin and
 * starts it with booti. The shyper.bin here is a stand-in with an arm64 Image header that
 * prints a line on the PL011 and powers off through PSCI, so the run ends by itself and
 * proves the script got as far as running the image. (The runtime's own tests boot the real
 * image the same way.)
 */
@Tag("uboot")
@Tag("qemu")
class UBootRunsBootScriptTest {

    static final Path UBOOT = Path.of("/usr/lib/u-boot/qemu_arm64/u-boot.bin");
    static final String MESSAGE = "shyperc stand-in payload ran";

    @TempDir
    Path dir;

    /** arm64 Image header (booti checks the magic), then: print MESSAGE on the PL011, PSCI SYSTEM_OFF over SMC. */
    static byte[] standIn() {
        byte[] msg = (MESSAGE + "\r\n\0").getBytes(StandardCharsets.US_ASCII);
        int size = (64 + 10 * 4 + msg.length + 15) & ~15;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x1400_0010);                 // b +64: over the header
        b.putInt(0);
        b.putLong(0);                          // text_offset
        b.putLong(size);                       // image_size
        b.putLong(0xA);                        // flags: little endian, 4 KiB pages, anywhere in RAM
        b.position(56);
        b.putInt(0x644d_5241);                 // "ARM\x64"
        b.position(64);
        b.putInt(0xD2A1_2001);                 // movz x1, #0x0900, lsl #16   (PL011 0x09000000)
        b.putInt(0x1000_0123);                 // adr  x3, msg                (+36)
        b.putInt(0x3840_1462);                 // loop: ldrb w2, [x3], #1
        b.putInt(0x3400_0062);                 // cbz  w2, done
        b.putInt(0xB900_0022);                 // str  w2, [x1]
        b.putInt(0x17FF_FFFD);                 // b    loop
        b.putInt(0xD280_0100);                 // done: movz x0, #0x8
        b.putInt(0xF2B0_8000);                 // movk x0, #0x8400, lsl #16   (SYSTEM_OFF)
        b.putInt(0xD400_0003);                 // smc  #0
        b.putInt(0x1400_0000);                 // b    .
        b.put(msg);
        return b.array();
    }

    @Test
    void uBootRunsOurScriptAndStartsTheImage() throws IOException {
        String qemu = Tool.require("qemu-system-aarch64", "qemu-system-arm");
        assertTrue(Files.isRegularFile(UBOOT), UBOOT + " is missing: install it with `apt-get install u-boot-qemu`");
        OutputTree out = BuildOutputs.emitAll(TestPlans.qemuVirtDemo(), TestPlans.inputs());
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Files.write(disk.resolve("boot.scr"), out.get("boot.scr"));
        Files.write(disk.resolve("shyper.bin"), standIn());

        Tool.Run r = Tool.run(dir, 90, qemu, "-machine", "virt,virtualization=on,gic-version=2", "-cpu", "cortex-a57",
                "-smp", "1", "-m", "2G", "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
                "-nic", "none", "-bios", UBOOT.toString(),
                "-drive", "if=none,format=raw,id=boot,readonly=on,file=fat:" + disk,
                "-device", "virtio-blk-device,drive=boot");
        String log = r.stdout() + r.stderr();
        assertTrue(log.contains("Found U-Boot script /boot.scr"), log);
        assertTrue(log.contains("shyperc: loading shyper.bin to 0x40080000"), log);
        assertTrue(log.contains("Starting kernel ..."), log);
        assertTrue(log.contains(MESSAGE), log);
        assertEquals(0, r.exitCode(), "PSCI SYSTEM_OFF ends QEMU with status 0:\n" + log);
    }
}
