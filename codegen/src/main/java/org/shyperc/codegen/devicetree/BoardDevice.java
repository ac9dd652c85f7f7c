package org.shyperc.codegen.devicetree;

import static org.shyperc.codegen.rustshyper.ShySystemWriter.address;
import static org.shyperc.codegen.rustshyper.ShySystemWriter.quote;
import static org.shyperc.codegen.rustshyper.ShySystemWriter.size;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One `device` of an imported board: a DT node, or several whose 4 KiB pages overlap. */
final class BoardDevice {

    String name;
    String compatible;
    long base;
    long end;
    final TreeSet<Integer> irqs = new TreeSet<>();
    String dtPath;
    /** The DT paths of every node this device is made of. */
    final List<String> members = new ArrayList<>();
    /** The name the board file declares it by (unique), set by {@link #print}. */
    String printedName;
    boolean aliased;
    boolean dma;
    /** `status = "disabled"` in the tree (of the node it is named after). */
    boolean disabled;
    final List<String> lines = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    /**
     * Devices whose pages overlap become one (a page can go to one VM only), named after a
     * node the DTB gives an alias, else the first; the others are listed in comments.
     */
    static List<BoardDevice> mergeSharedPages(List<BoardDevice> found) {
        found.sort((x, y) -> x.base != y.base ? Long.compareUnsigned(x.base, y.base) : x.dtPath.compareTo(y.dtPath));
        List<BoardDevice> merged = new ArrayList<>();
        for (BoardDevice d : found) {
            BoardDevice last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && Long.compareUnsigned(d.base, last.end) < 0) {
                // The group is named after a node the DTB gives an alias (serial0, ...), else the first.
                BoardDevice named = !last.aliased && d.aliased ? d : last;
                BoardDevice other = named == d ? last : d;
                BoardDevice g = new BoardDevice();
                g.name = named.name;
                g.compatible = named.compatible;
                g.dtPath = named.dtPath;
                g.aliased = named.aliased;
                g.members.addAll(last.members);
                g.members.addAll(d.members);
                g.lines.addAll(named.lines);
                g.notes.addAll(last.notes);
                g.notes.addAll(d.notes);
                g.notes.add("shares its pages with " + other.dtPath + " (" + other.compatible + ")"
                        + (other.irqs.isEmpty() ? "" : ", IRQ " + other.irqs));
                g.base = last.base;
                g.end = Math.max(last.end, d.end);
                g.irqs.addAll(last.irqs);
                g.irqs.addAll(d.irqs);
                g.dma = last.dma || d.dma;
                g.disabled = named.disabled;
                merged.set(merged.size() - 1, g);
            } else {
                merged.add(d);
            }
        }
        return merged;
    }

    static void print(List<BoardDevice> merged, StringBuilder b) {
        Set<String> names = new HashSet<>();
        for (BoardDevice d : merged) {
            String n = d.name;
            for (int i = 2; !names.add(n); i++) {
                n = d.name + "-" + i;
            }
            d.printedName = n;
            b.append('\n');
            for (String note : d.notes) {
                b.append("    // ").append(ShyText.comment(note)).append('\n');
            }
            b.append("    device ").append(n).append(' ').append(quote(d.compatible)).append(" @ ").append(address(d.base))
                    .append(" size ").append(size(d.end - d.base));
            if (d.irqs.size() == 1) {
                b.append(" irq ").append(d.irqs.first());
            } else if (!d.irqs.isEmpty()) {
                b.append(" irq [").append(String.join(", ", d.irqs.stream().map(String::valueOf).toList())).append(']');
            }
            b.append(" {\n        dt-path ").append(quote(d.dtPath)).append('\n');
            if (d.dma) {
                b.append("        dma\n");
            }
            for (String line : d.lines) {
                b.append("        ").append(line).append('\n');
            }
            b.append("    }\n");
        }
    }
}
