package org.shyperc.codegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.plan.Plan;

class FindingsAreDrawnTest {

    @Test
    void aFindingOutlinesTheRegionsItCoversAndIsListed() {
        Plan plan = TestPlans.qemuVirtDemo();
        // As a check would report it: rt's RAM PA range overlapping something at 0x70000000.
        Finding f = new Finding("SHY0303", "Physical pages 0x70000000-0x701fffff belong to two VMs.", null,
                0x7000_0000L, 0x20_0000L);
        String svg = MemoryMapSvg.render(plan, List.of(f));
        assertEquals(1, svg.split("class=\"finding\"", -1).length - 1, "one physical row covered");
        assertTrue(svg.contains("rt RAM, 64 MiB [SHY0303]"), svg);
        String html = ReportHtml.render(plan, svg, List.of(f));
        assertTrue(html.contains("Failed checks"));
        assertTrue(html.contains("PA 0x070000000 + 2 MiB"), html);
        assertFalse(ReportHtml.render(plan, MemoryMapSvg.render(plan)).contains("Failed checks"));
        assertFalse(MemoryMapSvg.render(plan).contains("class=\"finding\""));
    }

    /** A failed check's message quotes source text, which may hold a control character: XML has no way to carry one. */
    @Test
    void aControlCharacterInAFindingIsShownEscaped() throws Exception {
        Plan plan = TestPlans.qemuVirtDemo();
        Finding f = new Finding("SHY0701", "The kernel `a\u001b[2Jb\u0001` of vm `rt` does not exist.", null,
                0x7000_0000L, 0x20_0000L);
        String svg = MemoryMapSvg.render(plan, List.of(f));
        String html = ReportHtml.render(plan, svg, List.of(f));
        assertTrue(html.contains("a\\u001b[2Jb\\u0001"), html);
        for (String text : List.of(svg, html)) {
            assertFalse(text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r'), "a raw control character");
        }
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aFindingInOneVmMarksOnlyThatVmsMap() {
        Plan plan = TestPlans.qemuVirtDemo();
        Finding f = new Finding("SHY0401", "IPA overlap.", "mvm", 0x0900_0000L, 0x1000);
        String svg = MemoryMapSvg.render(plan, List.of(f));
        assertEquals(1, svg.split("class=\"finding\"", -1).length - 1);
        assertTrue(svg.contains("console arm,pl011, 4 KiB [SHY0401]"), svg);
    }
}
