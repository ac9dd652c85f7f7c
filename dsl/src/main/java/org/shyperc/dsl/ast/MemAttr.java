package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceSpan;

/**
 * A memory attribute written after a region (issue 13): {@code nocache}, {@code device} or
 * {@code hugepages SIZE}. The grammar takes them after RAM, shared regions and passthroughs
 * alike; the binder says where each one applies. {@code size} is null but for hugepages.
 */
public record MemAttr(Kind kind, Value.IntLit size, SourceSpan span) implements Node {

    public enum Kind {
        NOCACHE("nocache"), DEVICE("device"), HUGEPAGES("hugepages");

        private final String keyword;

        Kind(String keyword) { this.keyword = keyword; }

        /** As written in a .shy file. */
        public String keyword() { return keyword; }
    }
}
