package org.shyperc.dsl.format;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.shyperc.dsl.parser.ShyParser;

/**
 * Walks a parse tree and decides the layout skeleton: which tokens begin a line and at what
 * depth, and which separators the canonical form leaves out (`;` and trailing commas).
 */
final class LineBreaks {
    /** Token index of each line-starting token, to its indent depth. */
    final Map<Integer, Integer> lineStarts = new HashMap<>();
    /** Token indexes the canonical form omits. */
    final Set<Integer> dropped = new HashSet<>();
    private final boolean keepSemicolons;

    private LineBreaks(boolean keepSemicolons) { this.keepSemicolons = keepSemicolons; }

    static LineBreaks of(ShyParser.FileContext tree, boolean keepSemicolons) {
        LineBreaks b = new LineBreaks(keepSemicolons);
        b.walk(tree, 0);
        return b;
    }

    private void walk(ParseTree node, int depth) {
        if (!(node instanceof ParserRuleContext ctx)) return;
        if (startsLine(ctx) && ctx.getStart() != null) lineStarts.putIfAbsent(ctx.getStart().getTokenIndex(), depth);
        int inner = depth;
        for (int i = 0; i < ctx.getChildCount(); i++) {
            ParseTree child = ctx.getChild(i);
            if (child instanceof TerminalNode t) {
                Token tok = t.getSymbol();
                switch (tok.getType()) {
                    case ShyParser.LBRACE -> inner = depth + 1;
                    case ShyParser.RBRACE -> lineStarts.put(tok.getTokenIndex(), depth);
                    case ShyParser.SEMI -> { if (!keepSemicolons) dropped.add(tok.getTokenIndex()); }
                    case ShyParser.COMMA -> {
                        if (i + 1 < ctx.getChildCount() && ctx.getChild(i + 1) instanceof TerminalNode next
                                && next.getSymbol().getType() == ShyParser.RBRACK) dropped.add(tok.getTokenIndex());
                    }
                    default -> { }
                }
            } else {
                walk(child, inner);
            }
        }
    }

    /** Each import, declaration and statement gets a line of its own. */
    private static boolean startsLine(ParserRuleContext ctx) {
        return ctx instanceof ShyParser.ImportDeclContext
                || ctx instanceof ShyParser.BoardDeclContext
                || ctx instanceof ShyParser.SystemDeclContext
                || ctx instanceof ShyParser.BoardItemContext
                || ctx instanceof ShyParser.DeviceItemContext
                || ctx instanceof ShyParser.SettingContext
                || ctx instanceof ShyParser.OnBlockContext
                || ctx instanceof ShyParser.VmDeclContext
                || ctx instanceof ShyParser.SharedDeclContext
                || ctx instanceof ShyParser.ConsoleDeclContext
                || ctx instanceof ShyParser.VmItemContext
                || ctx instanceof ShyParser.SharedMapContext
                || ctx instanceof ShyParser.DoorbellContext;
    }
}
