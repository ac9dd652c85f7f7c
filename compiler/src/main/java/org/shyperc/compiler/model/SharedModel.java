package org.shyperc.compiler.model;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/** A shared-memory region; pa is -1 until placed. */
public record SharedModel(String name, long size, long pa, boolean pinned, List<Mapping> mappings, SourceSpan span) {

    public SharedModel { mappings = List.copyOf(mappings); }

    public SharedModel placedAt(long p) { return new SharedModel(name, size, p, pinned, mappings, span); }

    public long paEnd() { return pa + size; }

    public record Mapping(String vm, long ipa, boolean writable, SourceSpan span) { }
}
