package org.shyperc.codegen.report;

import java.util.List;

import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * memory-map.svg: the physical map on the left, each VM's IPA map to its right, one row
 * per region in address order. Bars are as long as log2 of the size, so a 4 KiB device
 * and 2 GiB of RAM are both visible; exact numbers are written beside them.
 */
public final class MemoryMapSvg {

    static final int ROW = 22;
    static final int COLUMN = 520;
    static final int BAR_MAX = 120;
    static final int TOP = 70;
    static final String FINDING = "#d00000";

    private MemoryMapSvg() { }

    public static String render(Plan plan) {
        return render(plan, List.of());
    }

    /** The map with every region a finding covers outlined in red and labelled with the finding's code. */
    public static String render(Plan plan, List<Finding> findings) {
        List<MapRow> phys = MemoryMaps.physical(plan);
        int rows = phys.size();
        for (VmPlan vm : plan.vms()) {
            rows = Math.max(rows, MemoryMaps.ipa(vm).size());
        }
        int width = COLUMN * (1 + plan.vms().size()) + 20;
        int height = TOP + rows * ROW + 40;
        CacheColours.Strip colours = CacheColours.of(plan);
        if (colours != null) height += CacheColoursSvg.height(colours);
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"DejaVu Sans Mono, monospace\" font-size=\"11\">\n");
        b.append("  <title>Memory map of system ").append(Svg.esc(plan.system())).append(" on ")
                .append(Svg.esc(plan.board().name())).append("</title>\n");
        b.append("  <rect width=\"100%\" height=\"100%\" fill=\"#fafafa\"/>\n");
        b.append("  <text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">").append(Svg.esc(plan.system()))
                .append(" on ").append(Svg.esc(plan.board().name())).append("</text>\n");
        java.util.Map<String, FindingsOnMap> onMaps = FindingsOnMap.byMap(findings);
        Palette palette = Palette.of(plan);
        column(b, palette, "physical (PA)", null, phys, 10, onMaps.getOrDefault(null, FindingsOnMap.NONE), colours);
        for (int i = 0; i < plan.vms().size(); i++) {
            VmPlan vm = plan.vms().get(i);
            String title = "VM " + vm.name() + " (IPA) cores " + vm.cpus();
            column(b, palette, title, vm.name(), MemoryMaps.ipa(vm), 10 + COLUMN * (i + 1),
                    onMaps.getOrDefault(vm.name(), FindingsOnMap.NONE), colours);
        }
        if (colours != null) CacheColoursSvg.render(b, plan, colours, 10, TOP + rows * ROW + 20, width - 20);
        return b.append("</svg>\n").toString();
    }

    private static void column(StringBuilder b, Palette palette, String title, String vm, List<MapRow> rows, int x,
                               FindingsOnMap onMap, CacheColours.Strip colours) {
        b.append("  <g class=\"map\" data-map=\"").append(Svg.esc(vm == null ? "physical" : vm)).append("\">\n");
        String colour = vm == null ? "#000000" : palette.vm(vm);
        b.append("    <text x=\"").append(x).append("\" y=\"").append(TOP - 16).append("\" font-weight=\"bold\" fill=\"")
                .append(colour).append("\">").append(Svg.esc(title)).append("</text>\n");
        int y = TOP;
        for (MapRow r : rows) {
            int bar = Math.max(4, (int) Math.round(BAR_MAX * (64 - Long.numberOfLeadingZeros(Math.max(1, r.size()))) / 40.0));
            bar = Math.min(bar, BAR_MAX);
            b.append("    <g class=\"region\" data-owner=\"").append(Svg.esc(r.owner() == null ? r.kind().name().toLowerCase(java.util.Locale.ROOT)
                    : r.owner())).append("\">\n");
            b.append("      <text x=\"").append(x).append("\" y=\"").append(y + 14).append("\">").append(Svg.hex(r.start()))
                    .append("</text>\n");
            if (r.kind() == MapRow.Kind.COLOURED && colours != null) {
                // one period of the stretch: a thin bar per colour in the colour of the VM using it
                for (CacheColours.Cell c : colours.cells()) {
                    int x0 = x + 90 + bar * c.colour() / colours.count();
                    int x1 = x + 90 + bar * (c.colour() + 1) / colours.count();
                    b.append("      <rect x=\"").append(x0).append("\" y=\"").append(y + 3).append("\" width=\"").append(x1 - x0)
                            .append("\" height=\"").append(ROW - 6).append("\" fill=\"")
                            .append(c.vms().isEmpty() ? Palette.FREE : palette.vm(c.vms().get(0))).append("\"/>\n");
                }
            }
            b.append("      <rect x=\"").append(x + 90).append("\" y=\"").append(y + 3).append("\" width=\"").append(bar)
                    .append("\" height=\"").append(ROW - 6).append("\" fill=\"")
                    .append(r.kind() == MapRow.Kind.COLOURED && colours != null ? "none" : palette.of(r))
                    .append("\" stroke=\"#333333\" stroke-width=\"0.5\"")
                    .append(r.kind() == MapRow.Kind.DEVICE || r.kind() == MapRow.Kind.VIRTUAL ? " fill-opacity=\"0.55\"" : "")
                    .append("/>\n");
            List<String> hits = onMap.codesOver(r);
            if (!hits.isEmpty()) {
                b.append("      <rect class=\"finding\" x=\"").append(x - 4).append("\" y=\"").append(y + 1)
                        .append("\" width=\"").append(COLUMN - 14).append("\" height=\"").append(ROW - 2)
                        .append("\" fill=\"none\" stroke=\"").append(FINDING).append("\" stroke-width=\"2\"/>\n");
            }
            b.append("      <text x=\"").append(x + 95 + BAR_MAX).append("\" y=\"").append(y + 14).append("\"")
                    .append(hits.isEmpty() ? "" : " fill=\"" + FINDING + "\" font-weight=\"bold\"").append(">")
                    .append(Svg.esc(r.label() + ", " + Svg.size(r.size())
                            + (hits.isEmpty() ? "" : " [" + String.join(", ", hits) + "]")))
                    .append("</text>\n");
            b.append("    </g>\n");
            y += ROW;
        }
        b.append("  </g>\n");
    }
}
