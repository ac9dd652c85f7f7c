package org.shyperc.compiler.model;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/**
 * A shared-memory region; pa is -1 until placed. {@code memory}: how every VM maps it (the attribute
 * belongs to the region, docs/decisions.md), Normal write-back unless `nocache` or `device`.
 */
public record SharedModel(String name, long size, long pa, boolean pinned, List<Mapping> mappings, SourceSpan span,
                          List<Doorbell> doorbells, org.shyperc.plan.Mapping.MemoryType memory) {

    public SharedModel {
        mappings = List.copyOf(mappings);
        doorbells = List.copyOf(doorbells);
    }

    /** A region without doorbells. */
    public SharedModel(String name, long size, long pa, boolean pinned, List<Mapping> mappings, SourceSpan span) {
        this(name, size, pa, pinned, mappings, span, List.of());
    }

    /** A region mapped as Normal write-back memory. */
    public SharedModel(String name, long size, long pa, boolean pinned, List<Mapping> mappings, SourceSpan span,
                       List<Doorbell> doorbells) {
        this(name, size, pa, pinned, mappings, span, doorbells, org.shyperc.plan.Mapping.MemoryType.NORMAL);
    }

    public SharedModel placedAt(long p) { return new SharedModel(name, size, p, pinned, mappings, span, doorbells, memory); }

    public long paEnd() { return pa + size; }

    public Mapping mapping(String vm) {
        for (Mapping m : mappings) if (m.vm().equals(vm)) return m;
        return null;
    }

    public record Mapping(String vm, long ipa, boolean writable, SourceSpan span) { }

    /**
     * One direction of a doorbell: {@code from} may ring {@code to}, which takes virtual SPI {@code irq}.
     * {@code doorbell A with B irq N} is two of these ({@code bothWays}, the same span), A to B, then B to A.
     * {@code irqSpan} is the number's span, {@code span} the whole line.
     */
    public record Doorbell(String from, String to, int irq, boolean bothWays, SourceSpan span, SourceSpan fromSpan,
                           SourceSpan toSpan, SourceSpan irqSpan) { }
}
