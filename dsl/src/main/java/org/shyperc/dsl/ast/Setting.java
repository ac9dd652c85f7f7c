package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceSpan;

/**
 * A keyed setting inside {@code gic}, {@code plic} and {@code hypervisor} blocks: either a frame
 * ({@code key @ base size s}, size may be null) or a value ({@code key value}).
 */
public sealed interface Setting extends Node {
    Ident key();

    record Frame(Ident key, Value.IntLit base, Value.IntLit size, SourceSpan span) implements Setting { }

    record Plain(Ident key, Value value, SourceSpan span) implements Setting { }
}
