package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * shyperc.jar copied away from the checkout, as an installed tool is: the board library comes
 * from inside the jar, and messages name its files `<boards>/NAME.shy`.
 */
class InstalledJarTest {

    static String run(Path jar, Path dir, int expectedExit, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("SHYPERC_BOARD_PATH");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + cmd);
        assertEquals(expectedExit, p.exitValue(), String.join(" ", args) + ":\n" + out);
        return out;
    }

    @Test
    void initAndCheckWorkWithTheLibraryInsideTheJar(@TempDir Path home, @TempDir Path work) throws Exception {
        Path jar = Files.copy(Shyperc.ROOT.resolve("cli/target/shyperc.jar"), home.resolve("shyperc.jar"));
        run(jar, work, 0, "init", "--board", "qemu-virt");
        assertTrue(Files.readString(work.resolve("system.shy")).contains("\nimport board \"qemu-virt\"\n"));
        String check = run(jar, work, 0, "check", "system.shy", "--format", "line");
        assertTrue(check.lines().allMatch(l -> l.contains("SHY0701")), check); // only "guest image not built yet"

        String unknown = run(jar, work, 2, "init", "--board", "rpi-4", "-o", "other.shy");
        assertTrue(unknown.contains("Did you mean `rpi4`?") && unknown.contains("jetson-tx2, qemu-riscv64, qemu-virt"), unknown);

        // A copy of a library board beside the system is another file: both declare `qemu-virt`.
        Files.copy(Shyperc.ROOT.resolve("boards/qemu-virt.shy"), work.resolve("my-virt.shy"));
        Files.writeString(work.resolve("two.shy"), "import board \"qemu-virt\"\nimport \"my-virt.shy\"\n");
        String twice = run(jar, work, 1, "check", "two.shy", "--format", "json");
        assertTrue(twice.contains("\"code\" : \"SHY0204\"") || twice.contains("\"code\":\"SHY0204\""), twice);
        assertTrue(twice.contains("<boards>/qemu-virt.shy"), twice);
    }
}
