package org.shyperc.dsl.parse;

import org.antlr.v4.runtime.Vocabulary;
import org.shyperc.dsl.parser.ShyLexer;

/**
 * The lexer's literal names by token type (`'board'` for BOARD), as {@link Vocabulary#getLiteralName} gives them.
 * Written out here because ShyLexer's own vocabulary is made in its class initialiser, which also deserialises the
 * lexer's ATN: about 5 ms of a cold `check`, for a table a file without syntax errors needs only to tell keywords
 * from names (reading ANTLR's `ShyLexer.tokens` from the jar instead cost as much: the jar's first inflated entry).
 * The token types are ShyLexer's compile-time constants, which do not initialise it. `TokenLiteralsTest` holds this
 * table equal to the lexer's vocabulary, so a literal added to the grammar and not here fails the build.
 */
final class TokenLiterals {
    private TokenLiterals() { }

    /** Index: token type, up to the lexer's last; null where a type has no literal. */
    static final String[] BY_TYPE = table(ShyLexer.ERROR_CHAR,
            ShyLexer.IMPORT, "'import'", ShyLexer.BOARD, "'board'", ShyLexer.SYSTEM, "'system'", ShyLexer.FOR, "'for'",
            ShyLexer.ON, "'on'", ShyLexer.VM, "'vm'", ShyLexer.ARCH, "'arch'", ShyLexer.COMPATIBLE, "'compatible'",
            ShyLexer.MODEL, "'model'", ShyLexer.CPUS, "'cpus'", ShyLexer.MPIDR, "'mpidr'",
            ShyLexer.ENABLE_METHOD, "'enable-method'", ShyLexer.MEMORY, "'memory'", ShyLexer.SIZE, "'size'",
            ShyLexer.GIC, "'gic'", ShyLexer.PLIC, "'plic'", ShyLexer.TIMER, "'timer'", ShyLexer.IRQ, "'irq'",
            ShyLexer.DEVICE, "'device'", ShyLexer.DT_PATH, "'dt-path'", ShyLexer.DMA, "'dma'", ShyLexer.IOMMU, "'iommu'",
            ShyLexer.STREAM, "'stream'", ShyLexer.PROPERTY, "'property'", ShyLexer.HYPERVISOR, "'hypervisor'",
            ShyLexer.ATW, "'at'", ShyLexer.PA, "'pa'", ShyLexer.KERNEL, "'kernel'", ShyLexer.ENTRY, "'entry'",
            ShyLexer.INITRD, "'initrd'", ShyLexer.DTB, "'dtb'", ShyLexer.BOOTARGS, "'bootargs'",
            ShyLexer.PASSTHROUGH, "'passthrough'", ShyLexer.VIRTIO, "'virtio'", ShyLexer.CONSOLE, "'console'",
            ShyLexer.SHARED, "'shared'", ShyLexer.RW, "'rw'", ShyLexer.RO, "'ro'", ShyLexer.TO, "'to'",
            ShyLexer.NOCACHE, "'nocache'", ShyLexer.HUGEPAGES, "'hugepages'", ShyLexer.COLOURS, "'colours'",
            ShyLexer.DOORBELL, "'doorbell'", ShyLexer.WITH, "'with'", ShyLexer.START, "'start'",
            ShyLexer.WATCHDOG, "'watchdog'", ShyLexer.KIB, "'KiB'", ShyLexer.MIB, "'MiB'", ShyLexer.GIB, "'GiB'",
            ShyLexer.TIB, "'TiB'", ShyLexer.LBRACE, "'{'", ShyLexer.RBRACE, "'}'", ShyLexer.LBRACK, "'['",
            ShyLexer.RBRACK, "']'", ShyLexer.COMMA, "','", ShyLexer.SEMI, "';'", ShyLexer.COLON, "':'", ShyLexer.AT, "'@'",
            ShyLexer.DOTDOT, "'..'");

    /** {@code pairs}: a type, then its literal, and so on. */
    private static String[] table(int maxType, Object... pairs) {
        String[] out = new String[maxType + 1];
        for (int i = 0; i < pairs.length; i += 2) out[(Integer) pairs[i]] = (String) pairs[i + 1];
        return out;
    }

    static String[] fromVocabulary(Vocabulary v) {
        String[] out = new String[v.getMaxTokenType() + 1];
        for (int t = 1; t <= v.getMaxTokenType(); t++) out[t] = v.getLiteralName(t);
        return out;
    }
}
