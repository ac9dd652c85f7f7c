package org.shyperc.codegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Headless Chromium renders memory-map.svg (the drawing report.html embeds); the
 * screenshot must contain each VM's colour (its RAM bars are opaque in that colour, and
 * nothing else in the SVG is), so no VM is missing from the picture. The report itself
 * must render too.
 */
@Tag("chromium")
class ChromiumDrawsEveryVmTest {

    /** A 4 KiB bar is at least 4 × 16 pixels; RAM bars are much larger. */
    private static final int MIN_PIXELS = 200;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"qemu-virt-demo", "qemu-virt-gicv3"})
    void everyVmIsDrawn(String caseName) throws IOException {
        String chromium = Tool.require("chromium", "chromium");
        Plan plan = TestPlans.cases().get(caseName).get();
        OutputTree out = BuildOutputs.emitAll(plan, TestPlans.inputs());
        Files.write(dir.resolve("report.html"), out.get("report.html"));
        Files.write(dir.resolve("memory-map.svg"), out.get("memory-map.svg"));
        BufferedImage shot = screenshot(chromium, "memory-map.svg");
        BufferedImage report = screenshot(chromium, "report.html");
        assertTrue(report.getWidth() > 0);
        for (VmPlan vm : plan.vms()) {
            int rgb = Integer.parseInt(Palette.vm(plan, vm.name()).substring(1), 16);
            int count = 0;
            for (int y = 0; y < shot.getHeight(); y++) {
                for (int x = 0; x < shot.getWidth(); x++) {
                    count += (shot.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
                }
            }
            assertTrue(count >= MIN_PIXELS, "VM " + vm.name() + " has " + count + " pixels of its colour " + rgb);
        }
    }

    private BufferedImage screenshot(String chromium, String file) throws IOException {
        Path png = dir.resolve(file + ".png");
        Tool.Run r = Tool.run(dir, 90, chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1800,1200",
                "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png, dir.resolve(file).toUri().toString());
        assertEquals(0, r.exitCode(), r.stderr());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "no screenshot of " + file + ": " + r.stderr());
        return img;
    }
}
