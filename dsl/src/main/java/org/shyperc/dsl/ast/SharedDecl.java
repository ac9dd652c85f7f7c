package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/**
 * {@code shared NAME size S (at pa P)? ATTR* { vm @ ipa rw|ro ... doorbell A to|with B irq N ... }}; pa may be
 * null. The memory attributes belong to the region: every VM maps it the same way.
 */
public record SharedDecl(Ident name, Value.IntLit size, Value.IntLit pa, List<MemAttr> attrs, List<Mapping> mappings,
                         SourceSpan span, List<Doorbell> doorbells) implements Node {
    public SharedDecl {
        attrs = List.copyOf(attrs);
        mappings = List.copyOf(mappings);
        doorbells = List.copyOf(doorbells);
    }

    /** A region without memory attributes. */
    public SharedDecl(Ident name, Value.IntLit size, Value.IntLit pa, List<Mapping> mappings, SourceSpan span,
                      List<Doorbell> doorbells) {
        this(name, size, pa, List.of(), mappings, span, doorbells);
    }

    /** A region without doorbells or memory attributes. */
    public SharedDecl(Ident name, Value.IntLit size, Value.IntLit pa, List<Mapping> mappings, SourceSpan span) {
        this(name, size, pa, List.of(), mappings, span, List.of());
    }

    public record Mapping(Ident vm, Value.IntLit ipa, boolean writable, SourceSpan span) implements Node { }

    /**
     * {@code doorbell FROM to TO irq N} ({@code bothWays} false): FROM may ring TO, which takes virtual SPI N;
     * {@code doorbell A with B irq N} ({@code bothWays} true): each may ring the other, each taking SPI N.
     */
    public record Doorbell(Ident from, Ident to, boolean bothWays, Value.IntLit irq, SourceSpan span) implements Node { }
}
