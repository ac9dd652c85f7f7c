package org.shyperc.codegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.plan.Plan;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Cache colouring: headless Chromium renders the coloured example's memory-map.svg, and the pixel
 * in the middle of each colour's cell is the colour of the VM that uses it (white when none does).
 */
@Tag("chromium")
class ChromiumDrawsCacheColoursTest {

    @TempDir
    Path dir;

    @Test
    void eachColourCellIsPaintedForItsVm() throws Exception {
        String chromium = Tool.require("chromium", "chromium");
        Plan plan = CacheColoursDrawnTest.coloured();
        String svg = MemoryMapSvg.render(plan);
        Files.writeString(dir.resolve("map.svg"), svg);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = d.getDocumentElement();
        Path png = dir.resolve("map.png");
        Tool.Run r = Tool.run(dir, 90, chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--window-size=" + root.getAttribute("width") + "," + root.getAttribute("height"),
                "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png, dir.resolve("map.svg").toUri().toString());
        assertEquals(0, r.exitCode(), r.stderr());
        BufferedImage shot = ImageIO.read(png.toFile());
        assertNotNull(shot, r.stderr());
        NodeList groups = d.getElementsByTagName("g");
        int checked = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!"colour".equals(g.getAttribute("class"))) continue;
            Element cell = (Element) g.getElementsByTagName("rect").item(0);
            int x = Integer.parseInt(cell.getAttribute("x")) + Integer.parseInt(cell.getAttribute("width")) / 2;
            int y = Integer.parseInt(cell.getAttribute("y")) + Integer.parseInt(cell.getAttribute("height")) / 2;
            String vms = g.getAttribute("data-vms");
            String want = vms.isEmpty() ? Palette.FREE : Palette.vm(plan, vms);
            assertEquals(Integer.parseInt(want.substring(1), 16), shot.getRGB(x, y) & 0xffffff,
                    "colour " + g.getAttribute("data-colour") + " (" + vms + ") at " + x + "," + y);
            checked++;
        }
        assertEquals(32, checked);
    }
}
