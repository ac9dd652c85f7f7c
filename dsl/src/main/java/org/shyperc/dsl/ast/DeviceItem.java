package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceSpan;

/** Statements inside a device's optional block. */
public sealed interface DeviceItem extends Node {

    record DtPath(Value.StrLit path, SourceSpan span) implements DeviceItem { }

    record Dma(SourceSpan span) implements DeviceItem { }

    /** stream may be null. */
    record Iommu(Ident iommu, Value.IntLit stream, SourceSpan span) implements DeviceItem { }

    /** A raw device-tree property; value null for an empty (flag) property. */
    record Property(Value.StrLit name, Value value, SourceSpan span) implements DeviceItem { }
}
