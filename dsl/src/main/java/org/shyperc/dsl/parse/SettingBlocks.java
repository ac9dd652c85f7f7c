package org.shyperc.dsl.parse;

import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.shyperc.dsl.parser.ShyParser;

/**
 * The blocks of settings (`gic v2 { … }`, `plic … { … }`, `hypervisor { … }`, a virtio device's `{ … }`), whose settings
 * may have any name: a statement of the enclosing block written inside one (`device uart1 "arm,pl011" @ …` in `gic`) read
 * as a setting, and each word after the name as one more error. Recovery reports such a line once instead.
 */
final class SettingBlocks {
    private SettingBlocks() { }

    /** The block's word for a context of one of these blocks, or null for any other context. */
    static String block(ParserRuleContext c) {
        if (c instanceof ShyParser.BoardGicContext) return "gic";
        if (c instanceof ShyParser.BoardPlicContext) return "plic";
        if (c instanceof ShyParser.BoardHypervisorContext) return "hypervisor";
        if (c instanceof ShyParser.VmVirtioContext) return "virtio";
        return null;
    }

    /** The block the settings block sits in: `board` or `vm`. */
    static String outer(ParserRuleContext c) {
        return c instanceof ShyParser.VmVirtioContext ? "vm" : "board";
    }

    /**
     * Whether a token of this type starts a statement of the enclosing block and is never a setting's name: `compatible`
     * is a GIC's and a PLIC's setting too, and `console` the hypervisor's.
     */
    static boolean startsOuterStatement(ParserRuleContext c, int type) {
        return c instanceof ShyParser.VmVirtioContext ? FastParser.startsVmItem(type) : FastParser.startsBoardStatement(type);
    }

    /**
     * Whether the parser is in a block of settings before a word that starts a statement of the enclosing block: the
     * quick parses give such a file to the one that reports it, so that the line gets the same error whatever else the
     * file holds (read as a setting, it would be the binder's "not a setting" where the file has no syntax error).
     */
    static boolean atOuterStatement(Parser p) {
        ParserRuleContext c = p.getContext();
        return block(c) != null && startsOuterStatement(c, p.getInputStream().LA(1));
    }
}
