package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceSpan;

public record Import(Value.StrLit path, SourceSpan span) implements Node { }
