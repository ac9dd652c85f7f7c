package org.shyperc.compiler.model;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/**
 * A shared-memory region; pa is -1 until placed. {@code memory}: how every VM maps it (the attribute
 * belongs to the region, docs/decisions.md), Normal write-back unless `nocache` or `device`.
 */
public record SharedModel(String name, long size, long pa, boolean pinned, List<Mapping> mappings, SourceSpan span,
                          org.shyperc.plan.Mapping.MemoryType memory) {

    public SharedModel { mappings = List.copyOf(mappings); }

    public SharedModel(String name, long size, long pa, boolean pinned, List<Mapping> mappings, SourceSpan span) {
        this(name, size, pa, pinned, mappings, span, org.shyperc.plan.Mapping.MemoryType.NORMAL);
    }

    public SharedModel placedAt(long p) { return new SharedModel(name, size, p, pinned, mappings, span, memory); }

    public long paEnd() { return pa + size; }

    public record Mapping(String vm, long ipa, boolean writable, SourceSpan span) { }
}
