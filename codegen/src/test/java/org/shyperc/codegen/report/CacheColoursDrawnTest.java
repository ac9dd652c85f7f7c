package org.shyperc.codegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.plan.Plan;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Cache colouring: the memory map draws which VM uses each colour, read back from the SVG's own cells. */
class CacheColoursDrawnTest {

    static Plan coloured() {
        return Examples.plans(Examples.root().resolve("examples/qemu-virt-coloured/system.shy")).get(0);
    }

    /** Colour number → the fills of its cell's stripes, top to bottom (the outline rect left out). */
    static Map<Integer, List<String>> cells(String svg) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Map<Integer, List<String>> out = new TreeMap<>();
        NodeList groups = d.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!"colour".equals(g.getAttribute("class"))) continue;
            List<String> fills = new ArrayList<>();
            NodeList rects = g.getElementsByTagName("rect");
            for (int j = 0; j < rects.getLength(); j++) {
                String fill = ((Element) rects.item(j)).getAttribute("fill");
                if (!fill.equals("none")) fills.add(fill);
            }
            out.put(Integer.valueOf(g.getAttribute("data-colour")), fills);
        }
        return out;
    }

    @Test
    void everyColourIsDrawnInTheColourOfTheVmThatUsesIt() throws Exception {
        Plan plan = coloured();
        Map<Integer, List<String>> cells = cells(MemoryMapSvg.render(plan));
        assertEquals(32, cells.size());
        String alpha = Palette.vm(plan, "alpha"), beta = Palette.vm(plan, "beta"), gamma = Palette.vm(plan, "gamma");
        for (int c = 0; c < 32; c++) {
            // beta's share is 0-7, alpha lists 8-15, gamma 16-19 and 24-27; 20-23 and 28-31 are nobody's
            String want = c < 8 ? beta : c < 16 ? alpha : (c < 20 || (c >= 24 && c < 28)) ? gamma : Palette.FREE;
            assertEquals(List.of(want), cells.get(c), "colour " + c);
        }
    }

    @Test
    void aSharedColourIsStripedWithEveryVmThatSharesIt() throws Exception {
        Plan plan = Examples.plans(Examples.root().resolve("examples/qemu-virt-coloured/system.shy")).get(0);
        CacheColours.Strip s = CacheColours.of(plan);
        assertNotNull(s);
        // the strip of a plan where alpha and gamma both use colour 5
        List<CacheColours.Cell> cells = new ArrayList<>(s.cells());
        cells.set(5, new CacheColours.Cell(5, List.of("alpha", "gamma")));
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\">\n");
        CacheColoursSvg.render(b, plan, new CacheColours.Strip(s.count(), cells, s.coloured(), s.uncoloured()), 0, 0, 1000);
        Map<Integer, List<String>> drawn = cells(b.append("</svg>\n").toString());
        assertEquals(List.of(Palette.vm(plan, "alpha"), Palette.vm(plan, "gamma")), drawn.get(5));
        assertTrue(b.indexOf("alpha: colours 8-15 (8 of 32, 1/4 of the cache)") > 0, b::toString);
        assertTrue(b.indexOf("no VM: colours 20-23,28-31") > 0, b::toString);
    }

    @Test
    void aSystemWithoutColoursHasNoStrip() {
        Plan plan = TestPlans.cases().get("qemu-virt-demo").get();
        assertNull(CacheColours.of(plan));
        assertFalse(MemoryMapSvg.render(plan).contains("class=\"colours\""));
    }
}
