package org.shyperc.dsl.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;
import org.shyperc.dsl.parser.ShyLexer;

/**
 * The lexer the parser runs on: a hand-written scanner that produces exactly the tokens of the
 * grammar's lexer rules (Shy.g4; ScannerMatchesGrammarTest compares the two on random text),
 * several times faster, with offsets in UTF-16 units. Comments and white space are skipped;
 * bad input comes back as ERROR_CHAR, UNTERMINATED_STRING and UNTERMINATED_COMMENT tokens.
 */
final class Scanner implements TokenSource {
    /**
     * Keywords in an open-addressed table, so an identifier is looked up without a substring. Most names are not
     * keywords, so the table is sparse (about one slot in eight used) and spread like the name table ({@link #slot}):
     * a name's home slot is almost always empty, and a used one is passed on its hash alone. With the raw hash's low
     * bits in a table twice the keywords' number, names met clusters of keywords and compared several.
     */
    private static final int KW_SHIFT = 32 - 9;
    private static final int KW_MASK = (1 << 9) - 1;
    private static final String[] KW_TEXT = new String[KW_MASK + 1];
    private static final int[] KW_HASH = new int[KW_MASK + 1];
    private static final int[] KW_TYPE = new int[KW_MASK + 1];

    static {
        for (Map.Entry<String, Integer> kw : keywords().entrySet()) {
            String text = kw.getKey();
            int h = kwSlot(text.hashCode());
            while (KW_TEXT[h] != null) h = (h + 1) & KW_MASK;
            KW_TEXT[h] = text;
            KW_HASH[h] = text.hashCode();
            KW_TYPE[h] = kw.getValue();
        }
    }

    private static int kwSlot(int h) { return (h * 0x9E3779B9) >>> KW_SHIFT; }

    private final String s;
    private final Pair<TokenSource, org.antlr.v4.runtime.CharStream> source;
    private int pos;
    private int line = 1;
    private int lineStart;

    Scanner(String text, String name) {
        this.s = text;
        this.source = new Pair<>(this, new Utf16CharStream(text, name)); // error recovery asks tokens for both
    }

    /**
     * A scanner that starts at offset {@code from}, which must not be inside a token or a comment; for the fast
     * parser only, which reads offsets: the line numbers of {@link #next()}'s tokens would count from there.
     */
    Scanner(String text, String name, int from) {
        this(text, name);
        pos = from;
        lineStart = from;
    }

    /** Moves to offset {@code to}, the start of a token or the end, for the fast parser ({@link #Scanner(String, String, int)}). */
    void seek(int to) { pos = to; }

    // ---- TokenSource, for ANTLR's error recovery (it makes "missing" tokens from a token's source)

    @Override
    public Token nextToken() { return next(); }

    @Override
    public int getLine() { return line; }

    @Override
    public int getCharPositionInLine() { return pos - lineStart; }

    @Override
    public org.antlr.v4.runtime.CharStream getInputStream() { return source.b; }

    @Override
    public String getSourceName() { return source.b.getSourceName(); }

    @Override
    public void setTokenFactory(org.antlr.v4.runtime.TokenFactory<?> factory) { }

    @Override
    public org.antlr.v4.runtime.TokenFactory<?> getTokenFactory() { return org.antlr.v4.runtime.CommonTokenFactory.DEFAULT; }

    private static Map<String, Integer> keywords() {
        Map<String, Integer> m = new HashMap<>();
        String[] literals = TokenLiterals.BY_TYPE;
        for (int t = 1; t < literals.length; t++) {
            String lit = literals[t];
            if (lit != null && Character.isLetter(lit.charAt(1))) m.put(lit.substring(1, lit.length() - 1), t);
        }
        return m;
    }

    /** The current token of the cursor API: what {@link #scan()} found last. */
    int type;
    int start;
    int stop;
    /**
     * For an IDENT or keyword token, String's hash of its text; for a STRING token, of the text between its
     * quotes, and whether Literals must read it (a backslash, or a control character it refuses). Made while
     * scanning, so the name table reads the text no more.
     */
    private int hash;
    private boolean special;

    /** The next visible or bad token; EOF at the end. */
    Token next() {
        scan();
        CommonToken t = new CommonToken(source, type, Token.DEFAULT_CHANNEL, start, stop);
        t.setLine(tokenLine);
        t.setCharPositionInLine(start - tokenLineStart);
        return t;
    }

    private int tokenLine;
    private int tokenLineStart;

    /**
     * Moves to the next visible or bad token without making a Token object (the fast parser
     * reads {@link #type}, {@link #start}, {@link #stop}); returns its type.
     */
    int scan() {
        if (bidiTaken == bidiCount) skipHidden();
        if (bidiTaken < bidiCount) return bidiInComment();
        tokenLine = line;
        tokenLineStart = lineStart;
        int start = pos;
        if (pos >= s.length()) return token(Token.EOF, start, start - 1);
        char c = s.charAt(pos);
        if (isIdentStart(c)) {
            // String's hash of the name, made on the way: the keyword table and the name table both look it up
            int h = c;
            pos++;
            while (pos < s.length() && isIdentPart(c = s.charAt(pos))) {
                h = 31 * h + c;
                pos++;
            }
            hash = h;
            return token(keyword(start, pos, h), start, pos - 1);
        }
        if (c >= '0' && c <= '9') return number(start);
        switch (c) {
            case '{': return single(ShyLexer.LBRACE);
            case '}': return single(ShyLexer.RBRACE);
            case '[': return single(ShyLexer.LBRACK);
            case ']': return single(ShyLexer.RBRACK);
            case ',': return single(ShyLexer.COMMA);
            case ';': return single(ShyLexer.SEMI);
            case ':': return single(ShyLexer.COLON);
            case '@': return single(ShyLexer.AT);
            case '"': return string(start);
            case '.':
                if (pos + 1 < s.length() && s.charAt(pos + 1) == '.') {
                    pos += 2;
                    return token(ShyLexer.DOTDOT, start, start + 1);
                }
                break;
            case '/':
                if (pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                    // only an unclosed one gets here: skipHidden took the closed ones
                    advanceTo(s.length());
                    return token(ShyLexer.UNTERMINATED_COMMENT, start, s.length() - 1);
                }
                break;
            default:
                break;
        }
        // one code point, so a character outside the BMP is one bad character, not two
        pos += Character.charCount(s.codePointAt(pos));
        return token(ShyLexer.ERROR_CHAR, start, pos - 1);
    }

    /** The keyword's token type for s[start, end), whose String hash is h, or IDENT. */
    private int keyword(int start, int end, int h) {
        for (int slot = kwSlot(h); KW_TEXT[slot] != null; slot = (slot + 1) & KW_MASK) {
            if (KW_HASH[slot] != h) continue;
            String kw = KW_TEXT[slot];
            if (kw.length() == end - start && s.regionMatches(start, kw, 0, end - start)) return KW_TYPE[slot];
        }
        return ShyLexer.IDENT;
    }

    private void skipHidden() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                for (char d; pos < s.length() && (d = s.charAt(pos)) != '\n' && d != '\r'; pos++) {
                    if (d >= 0x61c && Literals.isBidi(d)) bidiAt(pos);
                }
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                int close = s.indexOf("*/", pos + 2);
                if (close < 0) return; // unterminated: next() reports it
                for (int i = pos + 2; i < close; i++) if (s.charAt(i) >= 0x61c && Literals.isBidi(s.charAt(i))) bidiAt(i);
                advanceTo(close + 2);
            } else {
                return;
            }
        }
    }

    /**
     * Bidi_Control characters found in the comments just skipped (Literals.isBidi), each given as a one-character
     * ERROR_CHAR token before the next token: the fast parser gives up at it and the parser's bad-token report names it
     * (SHY0108), while the comment is still a comment.
     */
    private int[] bidi = new int[0];
    private int bidiCount;
    private int bidiTaken;

    private void bidiAt(int at) {
        if (bidiCount == bidi.length) bidi = java.util.Arrays.copyOf(bidi, Math.max(4, 2 * bidiCount));
        bidi[bidiCount++] = at;
    }

    private int bidiInComment() {
        int at = bidi[bidiTaken++];
        if (bidiTaken == bidiCount) bidiTaken = bidiCount = 0;
        tokenLine = line;
        tokenLineStart = lineStart;
        return token(ShyLexer.ERROR_CHAR, at, at);
    }

    /** Moves to {@code to}, counting the lines passed (block comments may span several). */
    private void advanceTo(int to) {
        for (int i = pos; i < to; i++) {
            if (s.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        pos = to;
    }

    /** '0x' [0-9a-fA-F_]+ | '0b' [01_]+ | [0-9] [0-9_]* — the longest of the three. */
    private int number(int start) {
        if (s.charAt(start) == '0' && start + 2 < s.length()) {
            char p = s.charAt(start + 1);
            if (p == 'x' && isHex(s.charAt(start + 2))) {
                pos = start + 2;
                while (pos < s.length() && isHex(s.charAt(pos))) pos++;
                return token(ShyLexer.INT, start, pos - 1);
            }
            if (p == 'b' && isBin(s.charAt(start + 2))) {
                pos = start + 2;
                while (pos < s.length() && isBin(s.charAt(pos))) pos++;
                return token(ShyLexer.INT, start, pos - 1);
            }
        }
        pos = decimalEnd(start);
        return token(ShyLexer.INT, start, pos - 1);
    }

    private int decimalEnd(int start) {
        int i = start + 1;
        while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        return i;
    }

    /** '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"', or the unterminated prefix of one; Literals checks escapes. */
    private int string(int start) {
        int i = start + 1;
        int h = 0; // String's hash of the text between the quotes, for the name table (a string without escapes)
        boolean escapes = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                pos = i + 1;
                hash = h;
                special = escapes;
                return token(ShyLexer.STRING, start, i);
            }
            if (c == '\\') {
                if (i + 1 < s.length() && s.charAt(i + 1) != '\r' && s.charAt(i + 1) != '\n') {
                    escapes = true;
                    i += 2;
                    continue;
                }
                break;
            }
            if (c == '\r' || c == '\n') break;
            if (Literals.isControl(c) || Literals.isBidi(c)) escapes = true; // refused there, at its place
            h = 31 * h + c;
            i++;
        }
        pos = i;
        return token(ShyLexer.UNTERMINATED_STRING, start, i - 1);
    }

    private int single(int type) {
        pos++;
        return token(type, pos - 1, pos - 1);
    }

    private int token(int type, int start, int stop) {
        this.type = type;
        this.start = start;
        this.stop = stop;
        return type;
    }

    /** The type of the token after the current one, the cursor left where it was. */
    int peek() {
        int savedPos = pos, savedLine = line, savedLineStart = lineStart;
        int savedType = type, savedStart = start, savedStop = stop;
        int savedTokenLine = tokenLine, savedTokenLineStart = tokenLineStart;
        int savedHash = hash;
        boolean savedSpecial = special;
        int savedBidiCount = bidiCount, savedBidiTaken = bidiTaken;
        int next = scan();
        bidiCount = savedBidiCount;
        bidiTaken = savedBidiTaken;
        hash = savedHash;
        special = savedSpecial;
        pos = savedPos;
        line = savedLine;
        lineStart = savedLineStart;
        tokenLine = savedTokenLine;
        tokenLineStart = savedTokenLineStart;
        token(savedType, savedStart, savedStop);
        return next;
    }

    /** The text of the current token. */
    String text() { return s.substring(start, stop + 1); }

    /** The current IDENT or keyword token's text, as the one String this scanner has for it (below). */
    String sharedName() { return shared(start, stop + 1, hash); }

    /** The current STRING token's text between its quotes, shared the same way; only for a string without escapes. */
    String sharedString() { return shared(start + 1, stop, hash); }

    /**
     * The text at [from, to), whose String hash h was made while scanning, as the one String this scanner
     * has for it: a big file names each device twice (declared, passed through) and repeats the same
     * compatible string and virtio kind in every entry, so a name or a string is a String per distinct
     * text, not per occurrence, and an occurrence already seen costs no allocation.
     */
    private String shared(int from, int to, int h) {
        int mask = names.length - 1;
        int len = to - from;
        for (int i = slot(h); ; i = (i + 1) & mask) {
            String t = names[i];
            if (t == null) {
                t = s.substring(from, to);
                names[i] = t;
                hashes[i] = h;
                if (++nameCount * 2 > names.length) growNames();
                return t;
            }
            // names of one length (`d10`, `d11`) differ in their hashes first, so a probe past them compares no
            // characters; the hashes are kept beside the names (a String made by substring has not made its own)
            if (hashes[i] == h && t.length() == len && t.regionMatches(0, s, from, len)) return t;
        }
    }

    /** Whether the current STRING token must be read by {@link Literals#unescape}: an escape, or a control character. */
    boolean needsUnescape() { return special; }

    private String[] names = new String[256];
    private int[] hashes = new int[256];
    /** 32 - log2(names.length): {@link #slot} takes the top bits of the spread hash. */
    private int shift = 32 - 8;
    private int nameCount;

    /**
     * A hash's home slot. Names that count up (`d0` .. `d99999`) have hashes that count up too; taken as
     * they are, they filled runs of adjacent slots that merged into long clusters for the linear probe.
     * Multiplying by 2^32 / phi and keeping the top bits spreads them over the table.
     */
    private int slot(int h) { return (h * 0x9E3779B9) >>> shift; }

    private void growNames() {
        String[] old = names;
        int[] oldHashes = hashes;
        names = new String[old.length * 2];
        hashes = new int[old.length * 2];
        shift--;
        int mask = names.length - 1;
        for (int j = 0; j < old.length; j++) {
            if (old[j] == null) continue;
            int i = slot(oldHashes[j]);
            while (names[i] != null) i = (i + 1) & mask;
            names[i] = old[j];
            hashes[i] = oldHashes[j];
        }
    }

    /** The whole input, for reading a token's characters in place. */
    String source() { return s; }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '-';
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_';
    }

    private static boolean isBin(char c) { return c == '0' || c == '1' || c == '_'; }

    /** All tokens up to and including EOF (for tests). */
    static List<Token> all(String text) {
        Scanner sc = new Scanner(text, "test");
        List<Token> out = new ArrayList<>();
        for (Token t = sc.next(); ; t = sc.next()) {
            out.add(t);
            if (t.getType() == Token.EOF) return out;
        }
    }
}
