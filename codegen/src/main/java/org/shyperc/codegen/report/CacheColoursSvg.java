package org.shyperc.codegen.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.shyperc.plan.Colouring;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * The cache-colour strip under the memory map: one cell per colour, filled with the colour of
 * the VM that uses it (stripes when VMs share it, white when nobody does), its number below,
 * then a legend line per coloured VM.
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
            b.append("    <g class=\"colour\" data-colour=\"").append(c.colour()).append("\" data-vms=\"")
                    .append(Svg.esc(String.join(" ", c.vms()))).append("\">\n");
            if (c.vms().isEmpty()) {
                rect(b, cx, top, cell, CELL_HEIGHT, Palette.FREE);
            } else {
                // shared colours: one horizontal stripe per VM, the last one taking what rounding leaves
                int n = c.vms().size();
                for (int i = 0; i < n; i++) {
                    int y0 = top + CELL_HEIGHT * i / n;
                    int y1 = top + CELL_HEIGHT * (i + 1) / n;
                    rect(b, cx, y0, cell, y1 - y0, Palette.vm(plan, c.vms().get(i)));
                }
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
        for (String name : s.coloured()) {
            Colouring c = colouring(plan, name);
            int k = c == null ? 0 : c.colours().size();
            int g = BigInteger.valueOf(k).gcd(BigInteger.valueOf(s.count())).intValue();
            String text = name + ": colours " + (c == null ? "" : MemoryMaps.ranges(c.colours())) + " (" + k + " of "
                    + s.count() + ", " + (k / Math.max(1, g)) + "/" + (s.count() / Math.max(1, g)) + " of the cache)"
                    + (c != null && c.shared() ? ", shared" : "");
            out.add(new String[] {plan == null ? null : Palette.vm(plan, name), text});
        }
        List<Integer> free = new ArrayList<>();
        for (CacheColours.Cell cell : s.cells()) if (cell.vms().isEmpty()) free.add(cell.colour());
        if (!free.isEmpty()) out.add(new String[] {null, "no VM: colours " + MemoryMaps.ranges(free)});
        if (!s.uncoloured().isEmpty()) {
            out.add(new String[] {null, "not coloured, their RAM uses every colour: " + String.join(", ", s.uncoloured())});
        }
        return out;
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
