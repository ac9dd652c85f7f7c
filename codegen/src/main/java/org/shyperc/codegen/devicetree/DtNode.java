package org.shyperc.codegen.devicetree;

import java.util.ArrayList;
import java.util.List;

import org.shyperc.codegen.fdt.FdtNode;
import org.shyperc.codegen.fdt.FdtProperty;

/**
 * A device-tree node with typed values, the form both the DTS template and the FDT
 * writer start from. {@code label} is null unless another node refers to this one.
 */
public record DtNode(String label, String name, List<DtProperty> properties, List<DtNode> children) {

    public DtNode {
        properties = List.copyOf(properties);
        children = List.copyOf(children);
    }

    public record DtProperty(String name, DtValue value) { }

    /** The same tree as raw FDT nodes. */
    public FdtNode toFdt() {
        List<FdtProperty> props = new ArrayList<>();
        for (DtProperty p : properties) {
            props.add(new FdtProperty(p.name(), p.value().encode()));
        }
        return new FdtNode(name, props, children.stream().map(DtNode::toFdt).toList());
    }

    public DtNode child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst().orElse(null);
    }

    public DtProperty property(String propertyName) {
        return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst().orElse(null);
    }
}
