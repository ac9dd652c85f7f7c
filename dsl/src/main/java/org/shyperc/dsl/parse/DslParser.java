package org.shyperc.dsl.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.parser.ShyLexer;
import org.shyperc.dsl.parser.ShyParser;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * The one entry point from text to AST. Never throws for bad input: lexical problems, syntax
 * errors, over-deep nesting and oversized numbers all come back as diagnostics beside a
 * (possibly partial) AST.
 */
public final class DslParser {
    /** Deeper list nesting is refused before parsing so the recursive parser cannot overflow. */
    public static final int MAX_DEPTH = 64;
    private static final int MAX_TOKEN_ERRORS = 20;

    private DslParser() { }

    private static final String UNCLOSED_COMMENT = "This block comment is never closed.";

    /**
     * Whether {@code d} is the error of a block comment never closed, which took the rest of its file: the syntax
     * errors and the compiler's follow-on filters leave out what follows from it.
     */
    public static boolean unclosedComment(Diagnostic d) {
        return d.code() == Codes.BAD_TOKEN && d.message().equals(UNCLOSED_COMMENT);
    }

    public static Result<ShyFile> parse(SourceFile file) {
        return parse(file, true);
    }

    /** ANTLR only, never the fast parser: the reference the fast one is tested against. */
    static Result<ShyFile> parseWithAntlr(SourceFile file) {
        return parse(file, false);
    }

    private static Result<ShyFile> parse(SourceFile file, boolean fastPath) {
        if (fastPath) {
            // a small file (almost every one) does not even load the parts' class: a cold check's start-up
            Result<ShyFile> fast = fast(file, file.text().length() < ParseAhead.PARALLEL_FROM ? null : ParseAhead.start(file));
            if (fast != null) return fast;
        }
        List<Diagnostic> diags = new ArrayList<>();
        List<Token> tokens = lex(file, diags);
        if (tokens == null) {
            return new Result<>(AstBuilder.empty(file), diags);
        }
        ShyParser.FileContext tree = parseTokens(file, tokens, diags);
        ShyFile ast = new AstBuilder(file, diags).file(tree);
        diags.sort(Diagnostic.ORDER);
        return new Result<>(ast, diags);
    }

    /**
     * Most files are valid: the fast parser builds their AST straight from the scanner, a large file's parts
     * parsed on other threads meanwhile ({@code ahead}, may be null). Null on a lexical or syntax error, or a
     * choice the fast parser leaves to ANTLR: ANTLR parses the file again.
     */
    static Result<ShyFile> fast(SourceFile file, ParseAhead ahead) {
        List<Diagnostic> diags = new ArrayList<>();
        try {
            ShyFile ast = new FastParser(file, diags).with(ahead).file();
            diags.sort(Diagnostic.ORDER);
            return new Result<>(ast, diags);
        } catch (FastParser.Bail bail) {
            return null;
        } finally {
            if (ahead != null) ahead.cancelAll();
        }
    }

    private static boolean hasLoneCarriageReturn(String s) {
        for (int i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) {
            if (SourceFile.endsLine(s, i)) return true;
        }
        return false;
    }

    /** Lexes, reports bad tokens, drops them, and refuses over-deep nesting (null then). */
    private static List<Token> lex(SourceFile file, List<Diagnostic> diags) {
        Scanner lexer = new Scanner(file.text(), file.displayPath());
        List<Token> raw = new ArrayList<>();
        boolean loneCr = hasLoneCarriageReturn(file.text());
        for (Token t = lexer.next(); ; t = lexer.next()) {
            if (loneCr && t instanceof org.antlr.v4.runtime.CommonToken c) {
                // the scanner counts lines as ANTLR's lexer does (`\n`); the messages that name a token's line want the
                // file's lines, where a `\r` alone ends one too (old Mac files)
                int at = Math.min(c.getStartIndex(), file.text().length());
                c.setLine(file.line(at));
                c.setCharPositionInLine(file.column(at) - 1);
            }
            raw.add(t);
            if (t.getType() == Token.EOF) break;
        }
        List<Token> good = new ArrayList<>();
        int bad = 0;
        int depth = 0;
        for (int i = 0; i < raw.size(); i++) {
            Token t = raw.get(i);
            int type = t.getType();
            if (type == ShyLexer.ERROR_CHAR || type == ShyLexer.UNTERMINATED_STRING
                    || type == ShyLexer.UNTERMINATED_COMMENT) {
                List<Diagnostic> said = new ArrayList<>(1);
                int took = type == ShyLexer.ERROR_CHAR ? Signs.read(file, raw, i, good, depth, said) : -1;
                if (took < 0 && type == ShyLexer.ERROR_CHAR) took = Fractions.read(file, raw, i, good, depth, said);
                if (took < 0) said.add(badToken(file, t));
                if (bad++ < MAX_TOKEN_ERRORS) diags.addAll(said);
                if (type == ShyLexer.UNTERMINATED_STRING) good.add(synthesizedString(t));
                i += Math.max(took, 0);
                continue;
            }
            if (type == ShyLexer.LBRACK && ++depth > MAX_DEPTH) {
                diags.add(Diagnostic.of(Codes.TOO_DEEP, span(file, t), "Lists are nested more than "
                        + MAX_DEPTH + " levels deep.").hint("Flatten the list.").build());
                return null;
            }
            if (type == ShyLexer.RBRACK && depth > 0) depth--;
            if (type == ShyLexer.COMMA && depth == 0) {
                List<Diagnostic> said = new ArrayList<>(1);
                int took = Fractions.comma(file, raw, i, good, said);
                if (took >= 0) {
                    if (bad++ < MAX_TOKEN_ERRORS) diags.addAll(said);
                    i += took;
                    continue;
                }
            }
            good.add(t);
            if (type == Token.EOF) break;
        }
        if (bad > MAX_TOKEN_ERRORS) {
            diags.add(Diagnostic.of(Codes.BAD_TOKEN, SourceSpan.startOf(file), (bad - MAX_TOKEN_ERRORS)
                    + " more unreadable characters in `" + file.displayPath() + "` are not reported.").build());
        }
        return good;
    }

    /** An unterminated string still parses as a string so one missing quote is one error. */
    private static Token synthesizedString(Token t) {
        org.antlr.v4.runtime.CommonToken c = new org.antlr.v4.runtime.CommonToken(t);
        c.setType(ShyLexer.STRING);
        c.setText(t.getText() + "\"");
        return c;
    }

    private static Diagnostic badToken(SourceFile file, Token t) {
        SourceSpan s = span(file, t);
        return switch (t.getType()) {
            case ShyLexer.UNTERMINATED_STRING -> Diagnostic.of(Codes.BAD_TOKEN, s,
                    "This string is not closed before the end of the line.").hint("Add the closing `\"`.").build();
            case ShyLexer.UNTERMINATED_COMMENT -> Diagnostic.of(Codes.BAD_TOKEN,
                    new SourceSpan(file, s.start(), Math.min(s.start() + 2, file.text().length())),
                    UNCLOSED_COMMENT).hint("Add `*/` where the comment ends.").build();
            default -> {
                String text = t.getText();
                if (text.length() == 1 && Literals.isBidi(text.charAt(0))) {
                    // the scanner gives one in a comment as a token of its own (a string's is Literals' to report)
                    String all = file.text();
                    int at = s.start();
                    boolean comment = all.substring(SourceFile.lineStart(all, at), at).contains("//")
                            || all.lastIndexOf("/*", at) > all.lastIndexOf("*/", at);
                    yield Literals.bidiControl(text.charAt(0), s, comment ? "comment" : "line");
                }
                Diagnostic.Builder d = Diagnostic.of(Codes.BAD_TOKEN, s, "The character `" + printable(text)
                        + "` is not part of the language.");
                if (t.getText().equals("=")) d.hint("Settings are written `key value`, without `=`.");
                // a sign next to a number is read by Signs
                yield d.build();
            }
        };
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) b.append(String.format("\\u%04x", cp));
            else b.appendCodePoint(cp);
        });
        return b.toString();
    }

    private static SourceSpan span(SourceFile file, Token t) {
        int start = Math.min(t.getStartIndex(), file.text().length());
        int end = Math.min(Math.max(start, t.getStopIndex() + 1), file.text().length());
        return new SourceSpan(file, start, end);
    }

    /** ANTLR's recovery, stopped early on garbage and taught to skip an unknown first item of a block. */
    private static final class Recovery extends DefaultErrorStrategy {
        private final SyntaxErrors listener;

        Recovery(SyntaxErrors listener) { this.listener = listener; }

        @Override
        public void recover(org.antlr.v4.runtime.Parser p, org.antlr.v4.runtime.RecognitionException re) {
            if (listener.full()) throw new ParseCancellationException(re); // garbage: stop early
            // `virtio console @ 0x0a00_4000 { peer a }` without its `irq`: the statement's own `{ … }` is skipped whole.
            // The default skipped to its `}`, which then ended the VM, the VM's `}` the system, and the next statement
            // came at the top level: three errors for one slip.
            org.antlr.v4.runtime.TokenStream in = p.getInputStream();
            int rule = p.getContext() == null ? -1 : p.getContext().getRuleIndex();
            if (in.LA(1) == ShyParser.LBRACE && (rule == ShyParser.RULE_vmItem || rule == ShyParser.RULE_boardItem)) {
                int depth = 0;
                do {
                    if (in.LA(1) == ShyParser.LBRACE) depth++;
                    else if (in.LA(1) == ShyParser.RBRACE) depth--;
                    p.consume();
                } while (depth > 0 && in.LA(1) != Token.EOF);
                return;
            }
            super.recover(p, re);
        }

        /**
         * A misspelt keyword where one is required (`ctrl @ 0x5000_0000 wr` for `rw`): ANTLR inserted the keyword
         * before the name and read the name as the start of the next statement, so one slip was three errors (the
         * insertion, a VM named `wr`, the next line unexpected) and the next line was lost. A name within two edits of
         * one of the keywords expected here is read as that keyword instead: one error, at the name, whose "did you
         * mean" the listener adds.
         */
        @Override
        public Token recoverInline(org.antlr.v4.runtime.Parser p) throws org.antlr.v4.runtime.RecognitionException {
            Token t = p.getCurrentToken();
            // `cpus` at the end of its line and `memory @ …` below: the `[` it wants is not supplied before `memory`,
            // which a list would then have read as its first name (and `@` as a second error); the statement ends
            // where its line does, and the next line's statement is read as one
            Token prev = p.getInputStream().LT(-1);
            if (!inErrorRecoveryMode(p) && prev != null && t.getLine() > prev.getLine() && FastParser.startsVmItem(t.getType())
                    && inside(p, ShyParser.RULE_vmItem)) {
                throw new org.antlr.v4.runtime.InputMismatchException(p);
            }
            if (t.getType() == ShyLexer.IDENT && !inErrorRecoveryMode(p)) {
                org.antlr.v4.runtime.misc.IntervalSet expected = p.getExpectedTokens();
                java.util.Optional<String> kw = org.shyperc.dsl.diag.Names.closest(t.getText(), TokenNames.keywords(expected));
                int type = kw.isPresent() ? TokenNames.keywordType(expected, kw.get()) : -1;
                if (type >= 0) {
                    beginErrorCondition(p);
                    p.notifyErrorListeners(t, "mismatched input", new org.antlr.v4.runtime.InputMismatchException(p));
                    p.consume();
                    reportMatch(p);
                    return p.getTokenFactory().create(new org.antlr.v4.runtime.misc.Pair<>(t.getTokenSource(),
                            t.getInputStream()), type, kw.get(), Token.DEFAULT_CHANNEL, t.getStartIndex(), t.getStopIndex(),
                            t.getLine(), t.getCharPositionInLine());
                }
            }
            return super.recoverInline(p);
        }

        private static boolean inside(org.antlr.v4.runtime.Parser p, int rule) {
            for (org.antlr.v4.runtime.ParserRuleContext c = p.getContext(); c != null; c = c.getParent()) {
                if (c.getRuleIndex() == rule) return true;
            }
            return false;
        }

        /**
         * ANTLR resynchronises a `( ... )*` loop only between iterations: before its first item it may
         * delete one stray token, and otherwise gives up on the whole enclosing rule. An unknown
         * statement first in a `vm` block (`autostart true`) so lost the VM, and the rest of the system
         * with it. Here the loop's entry recovers as its back edge does: the stray tokens are reported
         * once and skipped up to the next token that can start an item, end the block or follow it.
         * Both skip a `{ ... }` among them whole, so the stray block's `}` does not end the real one.
         */
        @Override
        public void sync(org.antlr.v4.runtime.Parser p) {
            org.antlr.v4.runtime.atn.ATNState s = p.getInterpreter().atn.states.get(p.getState());
            int type = s.getStateType();
            boolean entry = type == org.antlr.v4.runtime.atn.ATNState.STAR_LOOP_ENTRY;
            if (!entry && type != org.antlr.v4.runtime.atn.ATNState.STAR_LOOP_BACK || inErrorRecoveryMode(p)) {
                super.sync(p);
                return;
            }
            org.antlr.v4.runtime.misc.IntervalSet next = p.getATN().nextTokens(s);
            org.antlr.v4.runtime.TokenStream in = p.getInputStream();
            if (statementAmongSettings(p, in)) return;
            if (misspeltDeclaration(p, in, p.getExpectedTokens())) return;
            // a `vm` header missing its `{`, the block's first statement next: leave the modifiers' loop, and the `{`
            // it wants is supplied (recoverInline), so the block is read as the VM's: one error
            if (next.contains(ShyParser.LBRACE) && FastParser.startsVmItem(in.LA(1))) return;
            if (next.contains(in.LA(1)) || next.contains(Token.EPSILON) || entry && next.contains(in.LA(2))) {
                super.sync(p); // a good token, an optional loop, or one stray token the default deletes
                return;
            }
            reportUnwantedToken(p);
            org.antlr.v4.runtime.misc.IntervalSet stop = p.getExpectedTokens().or(getErrorRecoverySet(p));
            // a statement of the enclosing block written inside this one (`shared chan` in a `vm` block), first on its line
            // and indented deeper than the block's first word: it is skipped as stray, not read as this block's missing
            // `}`, which turned one slip into three errors (the enclosing block's `}` then ended it, and its own `}`
            // came at the top level). At the block's own indentation or less, a missing `}` is what it looks like.
            if (SyntaxErrors.strayInside(p, in.LT(1))) {
                stop = new org.antlr.v4.runtime.misc.IntervalSet(next);
                stop.add(ShyParser.RBRACE);
            }
            int depth = 0;
            for (int t = in.LA(1); t != Token.EOF && (depth > 0 || !stop.contains(t)); t = in.LA(1)) {
                if (t == ShyParser.LBRACE) depth++;
                else if (t == ShyParser.RBRACE && depth > 0) depth--;
                p.consume();
                // a name first on a later line of the skipped text is another statement, most likely with a misspelt
                // keyword (`cpu [0]` then `memroy @ ...`): said too, with its own "did you mean", not swallowed
                Token after = in.LT(1);
                // so is a statement of the enclosing block written inside this one (`shared chan` in a `vm` block) on a
                // later line: it would have ended the skipping, and this block with it (its `}` then closing the enclosing
                // block, and that one's `}` left at the top level); it is skipped as stray, as above
                if (depth == 0 && after.getType() != Token.EOF && !next.contains(after.getType()) && after.getType() != ShyParser.RBRACE
                        && after.getLine() > in.LT(-1).getLine() && SyntaxErrors.strayInside(p, after)) {
                    p.notifyErrorListeners(after, "extraneous input", null);
                    stop = new org.antlr.v4.runtime.misc.IntervalSet(next);
                    stop.add(ShyParser.RBRACE);
                    continue;
                }
                if (depth == 0 && after.getType() == ShyLexer.IDENT && !stop.contains(ShyLexer.IDENT)
                        && after.getLine() > in.LT(-1).getLine()) {
                    p.notifyErrorListeners(after, "extraneous input", null);
                }
            }
        }

        /**
         * `imprt board "qemu-virt"` first on its line at the top level: the word was skipped, `board` then read as a board
         * declaration named by a string, and the system after it as that board's content, three errors for one slip. A
         * word within two edits of a declaration's keyword is reported (with its "did you mean") and read as that keyword.
         */
        private static boolean misspeltDeclaration(org.antlr.v4.runtime.Parser p, org.antlr.v4.runtime.TokenStream in,
                                                   org.antlr.v4.runtime.misc.IntervalSet next) {
            Token t = in.LT(1);
            Token before = in.LT(-1);
            if (!(p.getContext() instanceof ShyParser.FileContext) || t.getType() != ShyLexer.IDENT
                    || !(t instanceof org.antlr.v4.runtime.WritableToken w) || before != null && before.getLine() == t.getLine()) {
                return false;
            }
            java.util.Optional<String> kw = org.shyperc.dsl.diag.Names.closest(t.getText(), TokenNames.keywords(next));
            int type = kw.isPresent() ? TokenNames.keywordType(next, kw.get()) : -1;
            if (type < 0) return false;
            p.notifyErrorListeners(t, "extraneous input", null);
            w.setType(type);
            return true;
        }

        /**
         * A statement of the enclosing block in a block of settings (`device uart1 "arm,pl011" @ …` in `gic v2 { }`):
         * said once, wherever it stands (so that formatting cannot make it an error). First on its line and not indented
         * deeper than the block's first word, it shows the block's `}` missing, and the block ends before it; otherwise
         * the rest of its line is skipped (with a `{ … }` it opens) and the block goes on.
         */
        private boolean statementAmongSettings(org.antlr.v4.runtime.Parser p, org.antlr.v4.runtime.TokenStream in) {
            org.antlr.v4.runtime.ParserRuleContext block = p.getContext();
            Token t = in.LT(1);
            Token before = in.LT(-1);
            if (!SettingBlocks.atOuterStatement(p) || before == null) return false;
            boolean stray = before.getLine() == t.getLine() || SyntaxErrors.strayInside(p, t);
            beginErrorCondition(p);
            listener.statementAmongSettings(block, t, stray);
            if (!stray) throw new org.antlr.v4.runtime.InputMismatchException(p);
            int depth = 0;
            for (int ty = in.LA(1); ty != Token.EOF; ty = in.LA(1)) {
                if (depth == 0 && (ty == ShyParser.RBRACE || in.LT(1).getLine() > t.getLine() && in.LT(1) != t)) break;
                if (ty == ShyParser.LBRACE) depth++;
                else if (ty == ShyParser.RBRACE) depth--;
                p.consume();
            }
            return true;
        }
    }

    /** SLL first (fast, almost always enough), full LL with error reporting only if SLL fails. */
    private static ShyParser.FileContext parseTokens(SourceFile file, List<Token> tokens, List<Diagnostic> diags) {
        ShyParser parser = new ShyParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy() {
            @Override
            public void sync(org.antlr.v4.runtime.Parser p) {
                if (SettingBlocks.atOuterStatement(p)) throw new ParseCancellationException();
            }
        });
        try {
            return parser.file();
        } catch (ParseCancellationException e) {
            parser = new ShyParser(new CommonTokenStream(new ListTokenSource(tokens)));
            parser.removeErrorListeners();
            SyntaxErrors listener = new SyntaxErrors(file, diags);
            parser.addErrorListener(listener);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new Recovery(listener));
            try {
                ShyParser.FileContext tree = parser.file();
                listener.dropFollowOnsOfUnquotedPaths();
                return tree;
            } catch (ParseCancellationException tooMany) {
                return null;
            }
        }
    }
}
