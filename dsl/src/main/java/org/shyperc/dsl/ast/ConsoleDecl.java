package org.shyperc.dsl.ast;

import org.shyperc.dsl.source.SourceSpan;

/** {@code console to VM}: the board's physical console belongs to that VM; the hypervisor keeps printing on it. */
public record ConsoleDecl(Ident vm, SourceSpan span) implements Node { }
