package org.shyperc.codegen.uboot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;

/** The real mkimage lists our boot.scr, and writes the same bytes from our boot.cmd. */
@Tag("mkimage")
class MkimageReadsBootScriptTest {

    @TempDir
    Path dir;

    private OutputTree outputs() throws IOException {
        OutputTree out = BuildOutputs.emitAll(TestPlans.qemuVirtDemo(), TestPlans.inputs());
        Files.write(dir.resolve("boot.cmd"), out.get("boot.cmd"));
        Files.write(dir.resolve("boot.scr"), out.get("boot.scr"));
        return out;
    }

    @Test
    void mkimageListsTheScriptImage() throws IOException {
        String mkimage = Tool.require("mkimage", "u-boot-tools");
        OutputTree out = outputs();
        Tool.Run r = Tool.run(dir, 30, mkimage, "-l", "boot.scr");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        String cmdLength = Integer.toString(out.get("boot.cmd").length);
        assertTrue(r.stdout().contains("Image Name:   shyperc demo qemu-virt"), r.stdout());
        assertTrue(r.stdout().contains("Image Type:   AArch64 Linux Script (uncompressed)"), r.stdout());
        assertTrue(r.stdout().contains("Image 0: " + cmdLength + " Bytes"), r.stdout());
        assertTrue(r.stdout().contains("Created:      Thu Jan  1 00:00:00 1970"), r.stdout());
    }

    @Test
    void mkimageMakesTheSameBytesFromBootCmd() throws IOException {
        String mkimage = Tool.require("mkimage", "u-boot-tools");
        OutputTree out = outputs();
        Plan plan = TestPlans.qemuVirtDemo();
        Tool.Run r = Tool.run(dir, Map.of("SOURCE_DATE_EPOCH", "0"), 30, mkimage, "-A", "arm64", "-O", "linux", "-T",
                "script", "-C", "none", "-n", BootScript.imageName(plan), "-d", "boot.cmd", "theirs.scr");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertArrayEquals(Files.readAllBytes(dir.resolve("theirs.scr")), out.get("boot.scr"));
    }

    @Test
    void mkimageNoticesABrokenChecksum() throws IOException {
        String mkimage = Tool.require("mkimage", "u-boot-tools");
        outputs();
        byte[] scr = Files.readAllBytes(dir.resolve("boot.scr"));
        scr[scr.length - 2] ^= 1;   // one bit of the script: the data CRC no longer matches
        Files.write(dir.resolve("bad.scr"), scr);
        Tool.Run r = Tool.run(dir, 30, mkimage, "-l", "bad.scr");
        // mkimage checks both CRCs before calling it a legacy image; it then guesses other formats.
        assertFalse(r.stdout().contains("Linux Script"), "mkimage accepted a corrupt image: " + r.stdout());
    }

    @Test
    void scriptLoadsTheImageAtTheHypervisorLoadAddress() {
        String cmd = BootScript.text(TestPlans.qemuVirtDemo());
        assertTrue(cmd.contains("setenv shyper_load 0x40080000\n"), cmd);
        assertTrue(cmd.contains("booti ${shyper_load} - ${fdtcontroladdr}\n"), cmd);
        assertTrue(cmd.lines().noneMatch(l -> l.contains("$D")), cmd);
        assertEquals(cmd, new String(cmd.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
