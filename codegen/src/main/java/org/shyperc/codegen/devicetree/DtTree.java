package org.shyperc.codegen.devicetree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.shyperc.codegen.fdt.FdtNode;
import org.shyperc.codegen.fdt.FdtProperty;

/**
 * A read DTB with what its nodes need from their parents: paths, phandles, cell sizes and
 * translation of bus addresses to CPU physical addresses through every `ranges`.
 */
final class DtTree {

    record Entry(String path, FdtNode node, Entry parent) { }

    /** A translated reg entry. */
    record Reg(long address, long size) { }

    private final Map<String, Entry> byPath = new HashMap<>();
    private final Map<Long, Entry> byPhandle = new HashMap<>();
    final List<Entry> inOrder = new ArrayList<>();
    final Entry root;

    DtTree(FdtNode rootNode) {
        root = add(rootNode, "/", null);
    }

    private Entry add(FdtNode n, String path, Entry parent) {
        Entry e = new Entry(path, n, parent);
        byPath.put(path, e);
        inOrder.add(e);
        for (String p : List.of("phandle", "linux,phandle")) {
            long[] c = n.property(p) == null ? null : n.property(p).cells();
            if (c != null && c.length == 1) {
                byPhandle.putIfAbsent(c[0], e);
            }
        }
        for (FdtNode child : n.children()) {
            add(child, (path.equals("/") ? "" : path) + "/" + child.name(), e);
        }
        return e;
    }

    Entry path(String p) {
        return byPath.get(p);
    }

    Entry phandle(long p) {
        return byPhandle.get(p);
    }

    static String string(FdtNode n, String prop) {
        FdtProperty p = n.property(prop);
        List<String> s = p == null ? null : p.strings();
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    static List<String> strings(FdtNode n, String prop) {
        FdtProperty p = n.property(prop);
        List<String> s = p == null ? null : p.strings();
        return s == null ? List.of() : s;
    }

    static long cell(FdtNode n, String prop, long fallback) {
        FdtProperty p = n.property(prop);
        long[] c = p == null ? null : p.cells();
        return c == null || c.length != 1 ? fallback : c[0];
    }

    /** #address-cells / #size-cells a node's children use (spec defaults 2 and 1). */
    static int addressCells(FdtNode bus) {
        return count(cell(bus, "#address-cells", 2));
    }

    static int sizeCells(FdtNode bus) {
        return count(cell(bus, "#size-cells", 1));
    }

    /** A cell count as a tree may give it; -1 for one no device tree uses (above 4), which readers treat as absent. */
    private static int count(long cells) {
        return cells >= 0 && cells <= 4 ? (int) cells : -1;
    }

    /** #interrupt-cells of a controller, or {@code fallback}; -1 for a count no binding uses (above 16). */
    static int interruptCells(FdtNode ctl, int fallback) {
        long v = cell(ctl, "#interrupt-cells", fallback);
        return v >= 0 && v <= 16 ? (int) v : -1;
    }

    static long number(long[] cells, int from, int count) {
        long v = 0;
        for (int i = 0; i < count; i++) {
            v = (v << 32) | cells[from + i];
        }
        return v;
    }

    /** The node's reg entries as CPU physical addresses; null if some bus on the way has no ranges. */
    List<Reg> reg(Entry e) {
        FdtProperty p = e.node().property("reg");
        long[] cells = p == null ? null : p.cells();
        if (cells == null || e.parent() == null) {
            return null;
        }
        int ac = addressCells(e.parent().node());
        int sc = sizeCells(e.parent().node());
        if (ac <= 0 || sc <= 0 || cells.length % (ac + sc) != 0) {
            return null;
        }
        List<Reg> out = new ArrayList<>();
        for (int i = 0; i < cells.length; i += ac + sc) {
            Long addr = translate(e.parent(), number(cells, i, ac));
            if (addr == null) {
                return null;
            }
            out.add(new Reg(addr, number(cells, i + ac, sc)));
        }
        return out;
    }

    /** A child address of {@code bus} as a CPU address, walking up through each bus's ranges. */
    private Long translate(Entry bus, long addr) {
        while (bus.parent() != null) {
            FdtProperty ranges = bus.node().property("ranges");
            if (ranges == null) {
                return null;                      // not memory-mapped (i2c, spi, ...)
            }
            long[] r = ranges.cells();
            if (r == null) {
                return null;
            }
            if (r.length > 0) {
                int ca = addressCells(bus.node());
                int pa = addressCells(bus.parent().node());
                int cs = sizeCells(bus.node());
                if (ca < 0 || pa < 0 || cs < 0) {
                    return null;
                }
                int step = ca + pa + cs;
                Long mapped = null;
                for (int i = 0; step > 0 && i + step <= r.length; i += step) {
                    long child = number(r, i, ca);
                    long parent = number(r, i + ca, pa);
                    long size = number(r, i + ca + pa, cs);
                    if (addr >= child && addr - child < size) {
                        mapped = parent + (addr - child);
                        break;
                    }
                }
                if (mapped == null) {
                    return null;
                }
                addr = mapped;
            }
            bus = bus.parent();
        }
        return addr;
    }

    /** The interrupt parent: interrupt-parent of the node or its nearest ancestor. */
    Entry interruptParent(Entry e) {
        for (Entry at = e; at != null; at = at.parent()) {
            FdtProperty p = at.node().property("interrupt-parent");
            long[] c = p == null ? null : p.cells();
            if (c != null && c.length == 1) {
                return phandle(c[0]);
            }
        }
        return null;
    }
}
