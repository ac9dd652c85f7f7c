package org.shyperc.codegen.uboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;

/**
 * The riscv64 side of {@link UBootRunsBootScriptTest}: Debian's U-Boot for QEMU riscv virt in S-mode, after OpenSBI,
 * finds the boot.scr written for the qemu-riscv64 board on a FAT disk and starts shyper.bin with booti. The shyper.bin
 * here is a stand-in with a RISC-V Image header that prints a line on the NS16550 and shuts down through SBI SRST.
 * (The runtime's own tests boot the real image the same way.)
 */
@Tag("uboot")
@Tag("qemu")
class UBootRunsRiscvBootScriptTest {

    static final Path UBOOT = Path.of("/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin");
    static final String MESSAGE = "shyperc riscv64 stand-in payload ran";

    @TempDir
    Path dir;

    /**
     * RISC-V Image header (booti checks magic2 and a non-zero image_size, and moves the image to RAM base 0x8000_0000 +
     * text_offset), then: print MESSAGE on the NS16550 at 0x1000_0000, SBI SRST shutdown. Position independent.
     */
    static byte[] standIn(long textOffset) {
        byte[] msg = (MESSAGE + "\r\n\0").getBytes(StandardCharsets.US_ASCII);
        int size = (64 + 15 * 4 + msg.length + 15) & ~15;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0400_006F);                 // j +64: over the header
        b.putInt(0);
        b.putLong(textOffset);
        b.putLong(size);                       // image_size
        b.putLong(0);                          // flags: little endian
        b.putInt(2);                           // version 0.2
        b.position(48);
        b.put("RISCV\0\0\0".getBytes(StandardCharsets.US_ASCII));
        b.putInt(0x0543_5352);                 // magic2 "RSC\x05"
        b.position(64);
        b.putInt(0x1000_02B7);                 // lui   t0, 0x10000          (NS16550 0x10000000)
        b.putInt(0x0000_0317);                 // auipc t1, 0
        b.putInt(0x0383_0313);                 // addi  t1, t1, 56           (msg)
        b.putInt(0x0003_4383);                 // loop: lbu t2, 0(t1)
        b.putInt(0x0003_8863);                 // beqz  t2, done
        b.putInt(0x0072_8023);                 // sb    t2, 0(t0)
        b.putInt(0x0013_0313);                 // addi  t1, t1, 1
        b.putInt(0xFF1F_F06F);                 // j     loop
        b.putInt(0x5352_58B7);                 // done: lui a7, 0x53525
        b.putInt(0x3548_8893);                 // addi  a7, a7, 0x354        (SRST extension "SRST")
        b.putInt(0x0000_0813);                 // li    a6, 0                (system_reset)
        b.putInt(0x0000_0513);                 // li    a0, 0                (shutdown)
        b.putInt(0x0000_0593);                 // li    a1, 0                (no reason)
        b.putInt(0x0000_0073);                 // ecall
        b.putInt(0x0000_006F);                 // j     .
        b.put(msg);
        return b.array();
    }

    @Test
    void uBootRunsOurScriptAndStartsTheImageInPlace() throws IOException {
        String qemu = Tool.require("qemu-system-riscv64", "qemu-system-misc");
        assertTrue(Files.isRegularFile(UBOOT), UBOOT + " is missing: install it with `apt-get install u-boot-qemu`");
        Plan plan = Examples.riscv64Baremetal();
        OutputTree out = BuildOutputs.emitAll(plan, Examples.inputs(plan));
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Files.write(disk.resolve("boot.scr"), out.get("boot.scr"));
        // The board's load address 0x8020_0000 is 2 MiB into QEMU virt's RAM: what ImageLinker writes there.
        Files.write(disk.resolve("shyper.bin"), standIn(plan.hypervisor().loadAddress() - 0x8000_0000L));

        // -cpu rv64 has the H extension the real runtime needs; -bios default is QEMU's OpenSBI, which enters U-Boot in S-mode.
        Tool.Run r = Tool.run(dir, 90, qemu, "-machine", "virt", "-cpu", "rv64", "-smp", "1", "-m", "2G",
                "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-nic", "none",
                "-bios", "default", "-kernel", UBOOT.toString(),
                "-drive", "if=none,format=raw,id=boot,readonly=on,file=fat:" + disk,
                "-device", "virtio-blk-device,drive=boot");
        String log = r.stdout() + r.stderr();
        assertTrue(log.contains("Found U-Boot script /boot.scr"), log);
        assertTrue(log.contains("shyperc: loading shyper.bin to 0x80200000"), log);
        assertFalse(log.contains("Moving Image"), "booti moved the image off its load address:\n" + log);
        assertTrue(log.contains("Starting kernel ..."), log);
        assertTrue(log.contains(MESSAGE), log);
        assertEquals(0, r.exitCode(), "SBI SRST shutdown ends QEMU with status 0:\n" + log);
    }
}
