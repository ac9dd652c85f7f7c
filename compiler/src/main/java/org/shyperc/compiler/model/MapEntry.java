package org.shyperc.compiler.model;

import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Mapping;

/**
 * One entry of a placed VM's mapping list: the {@link Mapping} the Plan carries, and where it came
 * from. {@code span} is where a problem with it is reported (the RAM statement, the passthrough, the
 * window); {@code source} is the item its extent comes from (the same, or the board device, the
 * shared region). An implicit entry (the virtual GIC, a console the source did not place) was not
 * written by the user and carries the span of what put it there.
 */
public record MapEntry(Mapping mapping, SourceSpan span, SourceSpan source, boolean implicit) {

    /** What it is, in words: "RAM", "device `rtc`", "the window onto shared region `chan`". */
    public String what() {
        String n = mapping.name();
        return switch (mapping.kind()) {
            case RAM -> "RAM";
            case SHARED -> "the window onto shared region `" + n + "`";
            case PASSTHROUGH -> "device `" + n + "`";
            case WINDOW -> "the passthrough window at PA " + org.shyperc.compiler.layout.Hex.of(mapping.pa());
            case VIRTIO -> "the virtio " + n + " device";
            case CONSOLE -> "the console";
            case VGIC_DISTRIBUTOR -> "the virtual distributor";
            case VGIC_CPU_INTERFACE -> "the virtual CPU interface";
            case VGIC_REDISTRIBUTOR -> "the virtual redistributor";
            case VIRTUAL_PLIC -> "the virtual PLIC";
        };
    }
}
