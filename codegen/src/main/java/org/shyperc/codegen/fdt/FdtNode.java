package org.shyperc.codegen.fdt;

import java.util.List;

/**
 * A node of a flattened device tree: its name with unit address ("" for the root),
 * properties and children in blob order. Immutable.
 */
public record FdtNode(String name, List<FdtProperty> properties, List<FdtNode> children) {

    public FdtNode {
        properties = List.copyOf(properties);
        children = List.copyOf(children);
    }

    public FdtProperty property(String propertyName) {
        for (FdtProperty p : properties) {
            if (p.name().equals(propertyName)) {
                return p;
            }
        }
        return null;
    }

    public FdtNode child(String childName) {
        for (FdtNode c : children) {
            if (c.name().equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The name before '@'. */
    public String baseName() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }
}
