package org.shyperc.dsl.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Vocabulary;
import org.shyperc.dsl.parser.ShyLexer;

/**
 * The lexer's literal names by token type (`'board'` for BOARD), as {@link Vocabulary#getLiteralName} gives them,
 * read from the `ShyLexer.tokens` file ANTLR writes beside the lexer. Reading ShyLexer's own vocabulary would run its
 * class initialiser, which deserialises the lexer's ATN: about 5 ms of a cold `check`, for a table that a file
 * without syntax errors needs only to tell keywords from names.
 */
final class TokenLiterals {
    private TokenLiterals() { }

    /** Index: token type; null where a type has no literal. */
    static final String[] BY_TYPE = load();

    private static String[] load() {
        try (InputStream in = TokenLiterals.class.getResourceAsStream("ShyLexer.tokens")) {
            if (in != null) {
                String[] read = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
                if (read != null) return read;
            }
        } catch (IOException e) {
            // fall through: the lexer's own vocabulary says the same, only slower to reach
        }
        return fromVocabulary(ShyLexer.VOCABULARY);
    }

    /** Lines `NAME=type` and `'literal'=type`; null for anything else, so the caller falls back to the lexer. */
    static String[] parse(BufferedReader r) throws IOException {
        List<String> literals = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        int max = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isEmpty()) continue;
            int eq = line.lastIndexOf('=');
            if (eq <= 0) return null;
            int type;
            try {
                type = Integer.parseInt(line.substring(eq + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (type < 1) return null;
            max = Math.max(max, type);
            if (line.charAt(0) == '\'') {
                literals.add(line.substring(0, eq));
                types.add(type);
            }
        }
        if (max == 0) return null;
        String[] out = new String[max + 1];
        for (int i = 0; i < literals.size(); i++) out[types.get(i)] = literals.get(i);
        return out;
    }

    static String[] fromVocabulary(Vocabulary v) {
        String[] out = new String[v.getMaxTokenType() + 1];
        for (int t = 1; t <= v.getMaxTokenType(); t++) out[t] = v.getLiteralName(t);
        return out;
    }
}
