package org.shyperc.codegen.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.shyperc.plan.Colouring;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * The cache-colour strip under the memory map: one cell per colour, filled with the colour of
 * the VM that uses it, grey for the hypervisor's own (stripes when several share it, white when
 * nobody uses it), its number below, then a legend line for the hypervisor and each coloured VM.
 */
final class CacheColoursSvg {

    static final int CELL_HEIGHT = 28;
    static final int LINE = 16;

    private CacheColoursSvg() { }

    /** Pixels the picture takes, legend included. */
    static int height(CacheColours.Strip s) {
        return 24 + CELL_HEIGHT + 16 + LINE * legend(null, s).size() + 10;
    }

    static void render(StringBuilder b, Plan plan, CacheColours.Strip s, int x, int y, int width) {
        int cell = Math.max(12, Math.min(32, (width - 40) / s.count()));
        long period = s.count() * Colouring.PAGE;
        b.append("  <g class=\"colours\" data-count=\"").append(s.count()).append("\">\n");
        b.append("    <text x=\"").append(x).append("\" y=\"").append(y + 14).append("\" font-weight=\"bold\">")
                .append(Svg.esc("Last-level cache: " + s.count() + " colours. Colour c is page c of every "
                        + Svg.size(period) + " period of DRAM; a coloured VM's RAM is its colours' pages, period after period."))
                .append("</text>\n");
        int top = y + 24;
        for (CacheColours.Cell c : s.cells()) {
            int cx = x + c.colour() * cell;
            b.append("    <g class=\"colour\" data-colour=\"").append(c.colour()).append("\"")
                    .append(c.hypervisor() ? " data-hypervisor=\"yes\"" : "").append(" data-vms=\"")
                    .append(Svg.esc(String.join(" ", c.vms()))).append("\">\n");
            List<String> fills = new ArrayList<>();
            if (c.hypervisor()) fills.add(Palette.HYPERVISOR);
            for (String vm : c.vms()) fills.add(Palette.vm(plan, vm));
            if (fills.isEmpty()) fills.add(Palette.FREE);
            // shared colours: one horizontal stripe per user, the last one taking what rounding leaves
            for (int i = 0; i < fills.size(); i++) {
                int y0 = top + CELL_HEIGHT * i / fills.size();
                int y1 = top + CELL_HEIGHT * (i + 1) / fills.size();
                rect(b, cx, y0, cell, y1 - y0, fills.get(i));
            }
            b.append("      <rect x=\"").append(cx).append("\" y=\"").append(top).append("\" width=\"").append(cell)
                    .append("\" height=\"").append(CELL_HEIGHT).append("\" fill=\"none\" stroke=\"#333333\" stroke-width=\"0.5\"/>\n");
            if (cell >= 16 || c.colour() % 4 == 0) {
                b.append("      <text x=\"").append(cx + cell / 2).append("\" y=\"").append(top + CELL_HEIGHT + 12)
                        .append("\" font-size=\"9\" text-anchor=\"middle\">").append(c.colour()).append("</text>\n");
            }
            b.append("    </g>\n");
        }
        int ly = top + CELL_HEIGHT + 16;
        for (String[] line : legend(plan, s)) {
            if (line[0] != null) rect(b, x, ly + 3, 10, 10, line[0]);
            b.append("    <text x=\"").append(x + 16).append("\" y=\"").append(ly + 12).append("\">").append(Svg.esc(line[1]))
                    .append("</text>\n");
            ly += LINE;
        }
        b.append("  </g>\n");
    }

    /** Legend lines: {swatch colour or null, text}. */
    private static List<String[]> legend(Plan plan, CacheColours.Strip s) {
        List<String[]> out = new ArrayList<>();
        if (s.hypervisor() != null) {
            out.add(new String[] {Palette.HYPERVISOR, "hypervisor: colours " + MemoryMaps.ranges(s.hypervisor().colours())
                    + share(s.hypervisor().colours().size(), s.count()) + "; its image, page tables and stacks"});
        }
        for (String name : s.coloured()) {
            Colouring c = colouring(plan, name);
            int k = c == null ? 0 : c.colours().size();
            String text = name + ": colours " + (c == null ? "" : MemoryMaps.ranges(c.colours())) + share(k, s.count())
                    + (c != null && c.shared() ? ", shared" : "");
            out.add(new String[] {plan == null ? null : Palette.vm(plan, name), text});
        }
        List<Integer> free = new ArrayList<>();
        for (CacheColours.Cell cell : s.cells()) if (cell.free()) free.add(cell.colour());
        if (!free.isEmpty()) out.add(new String[] {null, "nobody: colours " + MemoryMaps.ranges(free)});
        if (!s.uncoloured().isEmpty()) {
            out.add(new String[] {null, "not coloured, their RAM uses every colour: " + String.join(", ", s.uncoloured())});
        }
        return out;
    }

    /** " (8 of 32, 1/4 of the cache)". */
    private static String share(int k, int count) {
        int g = BigInteger.valueOf(k).gcd(BigInteger.valueOf(count)).intValue();
        return " (" + k + " of " + count + ", " + (k / Math.max(1, g)) + "/" + (count / Math.max(1, g)) + " of the cache)";
    }

    private static Colouring colouring(Plan plan, String vm) {
        if (plan == null) return null;
        for (VmPlan v : plan.vms()) if (v.name().equals(vm)) return CacheColours.colouring(v);
        return null;
    }

    private static void rect(StringBuilder b, int x, int y, int w, int h, String fill) {
        b.append("      <rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"")
                .append(h).append("\" fill=\"").append(fill).append("\"/>\n");
    }
}
