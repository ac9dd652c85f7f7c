package org.shyperc.codegen.devicetree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.shyperc.codegen.devicetree.DtNode.DtProperty;
import org.shyperc.codegen.devicetree.DtValue.Cell;

/** Mutable helper that builds one {@link DtNode}; used only while a tree is being assembled. */
final class DtBuilder {

    private final String name;
    private String label;
    private final List<DtProperty> props = new ArrayList<>();
    private final List<DtNode> children = new ArrayList<>();

    DtBuilder(String name) {
        this.name = name;
    }

    static DtBuilder node(String base, long unitAddress) {
        return new DtBuilder(base + "@" + Long.toHexString(unitAddress));
    }

    DtBuilder label(String l) {
        this.label = l;
        return this;
    }

    DtBuilder flag(String prop) {
        props.add(new DtProperty(prop, new DtValue.Empty()));
        return this;
    }

    DtBuilder string(String prop, String... values) {
        props.add(new DtProperty(prop, new DtValue.Strings(Arrays.asList(values))));
        return this;
    }

    DtBuilder strings(String prop, List<String> values) {
        props.add(new DtProperty(prop, new DtValue.Strings(values)));
        return this;
    }

    DtBuilder cells(String prop, long... values) {
        List<Cell> cells = new ArrayList<>();
        for (long v : values) {
            cells.add(Cell.of(v));
        }
        props.add(new DtProperty(prop, new DtValue.Cells(cells)));
        return this;
    }

    DtBuilder cellList(String prop, List<Cell> cells) {
        props.add(new DtProperty(prop, new DtValue.Cells(cells)));
        return this;
    }

    DtBuilder ref(String prop, String targetLabel, int phandle) {
        props.add(new DtProperty(prop, new DtValue.Cells(List.of(new Cell(phandle, targetLabel)))));
        return this;
    }

    DtBuilder property(DtProperty p) {
        props.add(p);
        return this;
    }

    /** reg/ranges-style 64-bit pairs as two cells each (#address-cells = #size-cells = 2). */
    DtBuilder reg64(long... addrSizePairs) {
        long[] cells = new long[addrSizePairs.length * 2];
        for (int i = 0; i < addrSizePairs.length; i++) {
            cells[2 * i] = addrSizePairs[i] >>> 32;
            cells[2 * i + 1] = addrSizePairs[i] & 0xffff_ffffL;
        }
        return cells("reg", cells);
    }

    DtBuilder child(DtNode c) {
        children.add(c);
        return this;
    }

    boolean hasChildren() {
        return !children.isEmpty();
    }

    DtNode build() {
        return new DtNode(label, name, props, children);
    }
}
