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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;

/** The real mkimage lists our boot.scr, and writes the same bytes from our boot.cmd, on an arm64 and a riscv64 board. */
@Tag("mkimage")
class MkimageReadsBootScriptTest {

    @TempDir
    Path dir;

    /** A plan, the architecture mkimage must be given for it, and how `mkimage -l` names that script type. */
    static Stream<Arguments> boards() {
        return Stream.of(Arguments.of("qemu-virt", TestPlans.qemuVirtDemo(), "arm64", "AArch64 Linux Script"),
                Arguments.of("qemu-riscv64", Examples.riscv64Baremetal(), "riscv", "RISC-V Linux Script"));
    }

    private OutputTree outputs(Plan plan) throws IOException {
        OutputTree out = BuildOutputs.emitAll(plan, Examples.inputs(plan));
        Files.write(dir.resolve("boot.cmd"), out.get("boot.cmd"));
        Files.write(dir.resolve("boot.scr"), out.get("boot.scr"));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boards")
    void mkimageListsTheScriptImage(String board, Plan plan, String arch, String type) throws IOException {
        String mkimage = Tool.require("mkimage", "u-boot-tools");
        OutputTree out = outputs(plan);
        Tool.Run r = Tool.run(dir, 30, mkimage, "-l", "boot.scr");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        String cmdLength = Integer.toString(out.get("boot.cmd").length);
        assertTrue(r.stdout().contains("Image Name:   " + BootScript.imageName(plan) + "\n"), r.stdout());
        assertTrue(r.stdout().contains("Image Type:   " + type + " (uncompressed)"), r.stdout());
        assertTrue(r.stdout().contains("Image 0: " + cmdLength + " Bytes"), r.stdout());
        assertTrue(r.stdout().contains("Created:      Thu Jan  1 00:00:00 1970"), r.stdout());
    }

    /** The mkimage command boot.cmd's own comment gives, run as written: it names the board's architecture. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("boards")
    void mkimageMakesTheSameBytesFromBootCmd(String board, Plan plan, String arch, String type) throws IOException {
        String mkimage = Tool.require("mkimage", "u-boot-tools");
        OutputTree out = outputs(plan);
        String cmd = new String(out.get("boot.cmd"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("`mkimage -A (\\S+) -O linux -T script -C none\\n# -n \"([^\"]*)\" -d boot.cmd boot.scr`")
                .matcher(cmd);
        assertTrue(m.find(), cmd);
        assertEquals(arch, m.group(1));
        assertEquals(BootScript.imageName(plan), m.group(2));
        Tool.Run r = Tool.run(dir, Map.of("SOURCE_DATE_EPOCH", "0"), 30, mkimage, "-A", m.group(1), "-O", "linux", "-T",
                "script", "-C", "none", "-n", m.group(2), "-d", "boot.cmd", "theirs.scr");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertArrayEquals(Files.readAllBytes(dir.resolve("theirs.scr")), out.get("boot.scr"));
    }

    @Test
    void mkimageNoticesABrokenChecksum() throws IOException {
        String mkimage = Tool.require("mkimage", "u-boot-tools");
        outputs(TestPlans.qemuVirtDemo());
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

    /** Each architecture's comment speaks of its own Image header, and the script's every other line is the same. */
    @Test
    void theCommentFollowsTheBoardsArchitecture() {
        String arm = BootScript.text(TestPlans.qemuVirtDemo());
        String rv = BootScript.text(Examples.riscv64Baremetal());
        assertTrue(arm.contains("an arm64 Image header") && !arm.contains("RISC-V"), arm);
        assertTrue(rv.contains("a RISC-V Image header") && !rv.contains("arm64"), rv);
        assertTrue(rv.contains("setenv shyper_load 0x80200000\n"), rv);
        assertEquals(commands(arm).replace("0x40080000", "0x80200000"), commands(rv));
        assertEquals(LegacyImage.Arch.RISCV, BootScript.arch(Examples.riscv64Baremetal()));
        assertEquals(26, BootScript.image(Examples.riscv64Baremetal())[29]);  // IH_ARCH_RISCV in the header's arch byte
        assertEquals(22, BootScript.image(TestPlans.qemuVirtDemo())[29]);     // IH_ARCH_ARM64
    }

    private static String commands(String script) {
        return String.join("\n", script.lines().filter(l -> !l.startsWith("#")).toList());
    }
}
