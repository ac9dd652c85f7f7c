package org.shyperc.dsl.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.shyperc.dsl.parser.ShyLexer;
import org.shyperc.dsl.parser.ShyParser;

/** Human names for tokens and rules, so "expected" sets read like the language, not the grammar. */
final class TokenNames {
    private TokenNames() { }

    private static final Set<Integer> KEYWORDS = keywordTypes();

    private static Set<Integer> keywordTypes() {
        Set<Integer> s = new java.util.HashSet<>();
        Vocabulary v = ShyLexer.VOCABULARY;
        for (int t = 1; t <= v.getMaxTokenType(); t++) {
            String lit = v.getLiteralName(t);
            if (lit != null && Character.isLetter(lit.charAt(1))) s.add(t);
        }
        return s;
    }

    static String describe(int type) {
        switch (type) {
            case ShyLexer.INT: return "a number";
            case ShyLexer.STRING: return "a string";
            case ShyLexer.IDENT: return "a name";
            case org.antlr.v4.runtime.Token.EOF: return "the end of the file";
            default:
                String lit = ShyLexer.VOCABULARY.getLiteralName(type);
                return lit != null ? "`" + lit.substring(1, lit.length() - 1) + "`" : ShyLexer.VOCABULARY.getDisplayName(type);
        }
    }

    /**
     * What may start a `name`: a name, or any keyword the grammar lets stand for one (read from the parser's ATN, so it
     * follows the grammar's `keyword` rule; the units, also keywords, are not among them).
     */
    private static final List<Integer> NAME_TOKENS = org.shyperc.dsl.parser.ShyParser._ATN
            .nextTokens(org.shyperc.dsl.parser.ShyParser._ATN.ruleToStartState[org.shyperc.dsl.parser.ShyParser.RULE_name]).toList();

    /** What may start a `modifier` (and the words of `on`, `start`, `watchdog`): a name that starts no VM statement. */
    private static final List<Integer> MODIFIER_TOKENS = org.shyperc.dsl.parser.ShyParser._ATN
            .nextTokens(org.shyperc.dsl.parser.ShyParser._ATN.ruleToStartState[org.shyperc.dsl.parser.ShyParser.RULE_modifier]).toList();

    /**
     * "`}`, `cpus` or a name"; a set holding everything a name may be (a name may be a keyword), or a modifier, collapses to
     * "a name".
     */
    static String expected(IntervalSet set) {
        List<Integer> types = set.toList();
        boolean anyName = types.contains(ShyLexer.IDENT) && (types.containsAll(NAME_TOKENS) || types.containsAll(MODIFIER_TOKENS));
        TreeSet<String> words = new TreeSet<>();
        for (int t : types) {
            if (anyName && NAME_TOKENS.contains(t)) continue;
            words.add(describe(t));
        }
        List<String> out = new ArrayList<>(words);
        if (anyName) out.add("a name");
        // a `vm` block has 15 statements; past 16 the list stops helping
        if (out.size() > 16) return "one of " + out.size() + " tokens";
        if (out.isEmpty()) return "something else";
        if (out.size() == 1) return out.get(0);
        return String.join(", ", out.subList(0, out.size() - 1)) + " or " + out.get(out.size() - 1);
    }

    /** The keywords in an "expected" set, as written: what a misspelt word may have meant. */
    static List<String> keywords(IntervalSet set) {
        List<String> out = new ArrayList<>();
        for (int t : set.toList()) {
            if (!KEYWORDS.contains(t)) continue;
            String lit = ShyLexer.VOCABULARY.getLiteralName(t);
            out.add(lit.substring(1, lit.length() - 1));
        }
        return out;
    }

    /**
     * The keywords a rule may hold anywhere, read from the parser's ATN (the rules it calls included, but not `name`,
     * which any keyword may stand for): the words a statement that already ended might have gone on with.
     */
    static List<String> keywordsOfRule(int ruleIndex) {
        return RULE_KEYWORDS.computeIfAbsent(ruleIndex, TokenNames::readKeywordsOfRule);
    }

    private static final ConcurrentHashMap<Integer, List<String>> RULE_KEYWORDS = new ConcurrentHashMap<>();

    private static List<String> readKeywordsOfRule(int ruleIndex) {
        ATN atn = ShyParser._ATN;
        BitSet seen = new BitSet();
        ArrayDeque<ATNState> todo = new ArrayDeque<>();
        todo.add(atn.ruleToStartState[ruleIndex]);
        TreeSet<String> out = new TreeSet<>();
        while (!todo.isEmpty()) {
            ATNState st = todo.poll();
            if (seen.get(st.stateNumber)) continue;
            seen.set(st.stateNumber);
            if (st instanceof RuleStopState) continue; // its transitions lead back to callers
            for (int i = 0; i < st.getNumberOfTransitions(); i++) {
                Transition tr = st.transition(i);
                if (tr instanceof RuleTransition rt) {
                    if (rt.ruleIndex != ShyParser.RULE_name) todo.add(rt.target);
                    todo.add(rt.followState);
                    continue;
                }
                IntervalSet label = tr.label();
                if (label != null) {
                    for (int t : label.toList()) {
                        if (KEYWORDS.contains(t)) {
                            String lit = ShyLexer.VOCABULARY.getLiteralName(t);
                            out.add(lit.substring(1, lit.length() - 1));
                        }
                    }
                }
                todo.add(tr.target);
            }
        }
        return List.copyOf(out);
    }

    /** The type of the keyword {@code text} among {@code set}'s, or -1. */
    static int keywordType(IntervalSet set, String text) {
        for (int t : set.toList()) {
            if (KEYWORDS.contains(t) && ShyLexer.VOCABULARY.getLiteralName(t).equals("'" + text + "'")) return t;
        }
        return -1;
    }

    /** Where the parser was, in the user's words. */
    static String ruleName(int ruleIndex) {
        switch (ruleIndex) {
            case ShyParser.RULE_file: return "at the top level";
            case ShyParser.RULE_importDecl: return "in an `import`";
            case ShyParser.RULE_boardDecl: case ShyParser.RULE_boardItem: return "in a `board` block";
            case ShyParser.RULE_deviceItem: return "in a `device` block";
            case ShyParser.RULE_setting: return "in a setting";
            case ShyParser.RULE_systemDecl: case ShyParser.RULE_systemItem: return "in a `system` block";
            case ShyParser.RULE_onBlock: return "in an `on` block";
            case ShyParser.RULE_vmDecl: case ShyParser.RULE_vmItem: return "in a `vm` block";
            case ShyParser.RULE_sharedDecl: case ShyParser.RULE_sharedMap: return "in a `shared` block";
            case ShyParser.RULE_doorbell: return "in a `doorbell`";
            case ShyParser.RULE_list: case ShyParser.RULE_listItem: return "in a list";
            case ShyParser.RULE_number: case ShyParser.RULE_unit: return "in a number";
            default: return "";
        }
    }
}
