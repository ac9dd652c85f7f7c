package org.shyperc.dsl.parse;

import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.parser.ShyLexer;
import org.shyperc.dsl.parser.ShyParser;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** Turns ANTLR's syntax errors into diagnostics with readable "expected" sets. */
final class SyntaxErrors extends BaseErrorListener {
    static final int MAX_PER_FILE = 50;
    private final SourceFile file;
    private final List<Diagnostic> out;
    private int count;
    /** Text written without quotes: { where it starts, where it ends }, and the one error about each. */
    private final List<int[]> unquoted = new java.util.ArrayList<>();
    private final List<Diagnostic> primaries = new java.util.ArrayList<>();
    /** A list written without its `[` (`timer irq 29, 30`): its error, and the list it is in, for the missing `]` after. */
    private Diagnostic unbracketed;
    private ParserRuleContext unbracketedList;

    SyntaxErrors(SourceFile file, List<Diagnostic> out) {
        this.file = file;
        this.out = out;
    }

    boolean full() { return count >= MAX_PER_FILE; }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String antlrMsg,
                            RecognitionException e) {
        if (count++ >= MAX_PER_FILE) return;
        Token t = (Token) offending;
        // a block comment never closed took the rest of the file: "the file ends in a block" is its consequence
        if (t != null && t.getType() == Token.EOF && unclosedComment()) return;
        int start = t == null || t.getStartIndex() < 0 ? file.text().length() : t.getStartIndex();
        int end = t == null || t.getType() == Token.EOF ? start : Math.max(start, t.getStopIndex() + 1);
        SourceSpan span = new SourceSpan(file, Math.min(start, file.text().length()), Math.min(end, file.text().length()));
        Parser parser = (Parser) recognizer;
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        String where = TokenNames.ruleName(parser.getContext() == null ? -1 : parser.getContext().getRuleIndex());
        // a device's `{ … }`: its rule is the board's statement, but the block is the device's
        boolean inDeviceBlock = parser.getContext() instanceof ShyParser.BoardDeviceContext && expected.contains(ShyLexer.DT_PATH);
        if (inDeviceBlock) where = "in a `device` block";
        String found = t == null || t.getType() == Token.EOF ? "the end of the file" : "`" + shown(t.getText()) + "`";
        Token before = t == null || t.getTokenIndex() <= 0 ? null : parser.getInputStream().get(t.getTokenIndex() - 1);
        String wanted = wanted(expected, e, before);
        String message;
        if (antlrMsg != null && antlrMsg.startsWith("missing ")) {
            message = "Missing " + wanted + " before " + found + (where.isEmpty() ? "" : " " + where) + ".";
        } else if (e instanceof NoViableAltException || e instanceof InputMismatchException || e == null) {
            message = (eof(t) ? "The file ends" : "Unexpected " + found) + (where.isEmpty() ? "" : " " + where) + "; expected "
                    + wanted + ".";
        } else {
            message = (eof(t) ? "The file ends" : "Unexpected " + found) + (where.isEmpty() ? "" : " " + where) + ".";
        }
        String hint = hintFor(t);
        // `system for qemu-virt {`: the name left out, `for` read as the name, and then a `for` missing
        if (antlrMsg != null && antlrMsg.startsWith("missing ") && expected.contains(ShyLexer.FOR) && before != null
                && before.getType() == ShyLexer.FOR && parser.getContext() instanceof ShyParser.SystemDeclContext && !eof(t)) {
            span = tokenSpan(before);
            message = "The `system` has no name: `for` follows `system`.";
            hint = "Give the system a name of its own: `system NAME for " + shown(t.getText()) + " {`.";
        }
        // `system s {`: the board it runs on left out
        if (hint == null && t != null && t.getType() == ShyLexer.LBRACE && expected.contains(ShyLexer.FOR)
                && parser.getContext() instanceof ShyParser.SystemDeclContext) {
            String board = importedBoard(parser.getInputStream());
            hint = "A system names the board it runs on: `system " + (before.getType() == ShyLexer.FOR ? "NAME" : shown(before.getText()))
                    + " for " + (board == null ? "BOARD" : board) + " {`" + (board == null ? ", the board's name as its `import board` "
                    + "gives it" : "") + ".";
        }
        // `doorbell a -> b irq 81`: an arrow for `to` (or `<->` for `with`), two character errors and a missing `to`; said
        // once, at the arrow, and the character errors inside it dropped once the file is parsed
        int[] arrow = null;
        if (antlrMsg != null && antlrMsg.startsWith("missing ") && expected.contains(ShyLexer.TO) && expected.contains(ShyLexer.WITH)
                && before != null && t != null && !eof(t) && before.getStopIndex() + 1 <= t.getStartIndex()) {
            String between = file.text().substring(before.getStopIndex() + 1, t.getStartIndex());
            String a = between.strip();
            if (a.matches("<?[-=]+>?")) {   // `->`, `=>`, `<->`, `-`
                int from = before.getStopIndex() + 1 + between.indexOf(a);
                arrow = new int[] {from, from + a.length()};
                span = new SourceSpan(file, arrow[0], arrow[1]);
                boolean both = a.startsWith("<") && a.endsWith(">");
                message = "`" + a + "` is not a word of a doorbell: the two VMs are joined by `to` or `with`.";
                hint = "Write `doorbell " + shown(before.getText()) + (both ? " with " : " to ") + shown(t.getText())
                        + "`: `to` lets the first ring the second, `with` lets each ring the other.";
            }
        }
        // `size 64 MB`: the number ended the item, so the word reads as the next item; say what it is instead
        if (t != null && unitWord(t.getText()) && before != null && before.getType() == ShyLexer.INT) {
            message = "`" + t.getText() + "` after `" + before.getText() + "` is not a unit.";
        }
        // `@ 0x4000_000G`: a letter past `f` typed into a hex number, which the lexer ends there; no unit was meant
        if (t != null && t.getType() == ShyLexer.IDENT && before != null && before.getType() == ShyLexer.INT
                && before.getStopIndex() + 1 == t.getStartIndex() && before.getText().matches("0[xX][0-9A-Fa-f_]*")) {
            message = "`" + before.getText() + t.getText() + "` is not a number: `" + t.getText().charAt(0) + "` is not a hex digit.";
            hint = "Hex digits are `0`-`9` and `a`-`f`; a unit comes after a space, as in `size 0x100 KiB`.";
        }
        boolean sameLine = t != null && before != null && t.getLine() == before.getLine();
        // `size 32 MiB MiB`: the hint for a misspelt unit would say to write what is written
        if (sameLine && unitWord(t.getText()) && isUnit(before.getType())) {
            message = "`" + t.getText() + "` follows the unit `" + before.getText() + "`: a size has one unit.";
            hint = "Drop the second unit.";
        }
        // `@ 0x4000 0000`: one number with a space in it (AstBuilder leaves the first part unchecked); in a list, `[2 3]`,
        // a comma is missing
        boolean inList = expected.contains(ShyLexer.COMMA) && expected.contains(ShyLexer.RBRACK);
        if (sameLine && t.getType() != Token.EOF && inList && hint == null) hint = "List items are separated by `,`.";
        if (sameLine && !inList && t.getType() == ShyLexer.INT && before.getType() == ShyLexer.INT) {
            message = "`" + t.getText() + "` follows the number `" + before.getText() + "` on its line: a number is one word.";
            // `1'5`: the stray character between them (reported already) is what to leave out, not a space
            String between = file.text().substring(Math.min(before.getStopIndex() + 1, t.getStartIndex()), t.getStartIndex()).strip();
            hint = "Write it without the " + (between.isEmpty() ? "space" : "`" + between + "`") + ": `" + before.getText() + "_"
                    + t.getText() + "` (`_` groups digits).";
        }
        // `passthrough "arm,pl031"`: a device is named as the board names it, not by its compatible string
        if (t != null && t.getType() == ShyLexer.STRING && before != null && before.getType() == ShyLexer.PASSTHROUGH) {
            message = "`passthrough` takes the name of one of the board's devices, not a string.";
            hint = "A device is passed through by the name its board gives it: for `device rtc \"arm,pl031\" @ ...` in "
                    + "the board, write `passthrough rtc`.";
        }
        // `device uart0 @ 0x0900_0000 …`: the compatible string, which the guests' device trees need, left out
        if (hint == null && t != null && expected.contains(ShyLexer.STRING) && parser.getContext() instanceof ShyParser.BoardDeviceContext
                && before != null && before.getType() != ShyLexer.DEVICE && sameLine && t.getType() == ShyLexer.AT) {
            hint = "A device's compatible string comes after its name, as its device-tree node's `compatible` says: `device "
                    + shown(before.getText()) + " \"vendor,model\" @ …` (`\"arm,pl011\"` for a PL011).";
        }
        // `device rtc "arm,pl031" @ 0x0901_0000 irq 34`: the size of its registers left out
        if (hint == null && t != null && expected.contains(ShyLexer.SIZE) && parser.getContext() instanceof ShyParser.BoardDeviceContext
                && before != null && before.getType() == ShyLexer.INT && sameLine) {
            hint = "A device's registers take a size after the address, which stage 2 maps for a VM it is passed to: `@ "
                    + shown(before.getText()) + " size 4 KiB`.";
        }
        if (hint == null) hint = hintFor(t, expected);
        // `virtio console @ 0x0a00_4000 { peer a }`: the interrupt left out before the device's block
        if (hint == null && t != null && t.getType() == ShyLexer.LBRACE && expected.contains(ShyLexer.IRQ) && before != null
                && parser.getContext() instanceof ShyParser.VmItemContext) {
            hint = "A virtio device takes its interrupt before its block: `virtio KIND @ IPA irq N { … }`, N a free SPI of the VM.";
        }
        // `}}` at a VM's end, then `vm b`: the extra `}` closed the system, and the error was at the next VM, with no word
        // of the brace; name the `}` that closed the block the statement belongs in
        Token closer = hint == null && t != null && parser.getContext() instanceof ShyParser.FileContext
                && (t.getType() == ShyLexer.VM || t.getType() == ShyLexer.SHARED || t.getType() == ShyLexer.DEVICE)
                ? lastCloser(parser.getContext()) : null;
        if (closer != null) {
            hint = "The `}` on line " + closer.getLine() + " closed the block `" + shown(t.getText()) + "` belongs in: remove the "
                    + "extra `}` there, or move this statement into the block.";
        }
        Diagnostic.Builder d = Diagnostic.of(Codes.SYNTAX, span, message);
        if (closer != null) d.related(tokenSpan(closer), "this `}` closed the block");
        // a misspelt keyword is read as a name: `cpu [0]` in a VM, `sytem` at the top level
        if (hint == null && t != null && t.getType() == ShyLexer.IDENT) hint = Names.didYouMean(t.getText(), TokenNames.keywords(expected));
        // `cmdline "…"`, `passthru rtc`: another configuration's word for one of the keywords expected here
        String foreign = hint == null && t != null && t.getType() == ShyLexer.IDENT
                ? ForeignWords.keywordFor(t.getText(), TokenNames.keywords(expected)) : null;
        if (foreign != null) hint = "Did you mean `" + foreign + "`? That is this language's word for what other configurations call `"
                + t.getText() + "`.";
        // `kernel "k" @ 0x4000_0000 entyr 0x4000_0100`: the statement had ended before the word, so the words it might
        // have gone on with are not in the expected set; look among those of the statement just read
        ParserRuleContext prev = hint == null && t != null && t.getType() == ShyLexer.IDENT ? lastStatement(parser) : null;
        if (prev != null) hint = Names.didYouMean(t.getText(), TokenNames.keywordsOfRule(prev.getRuleIndex()));
        // `interrupts [34, 35]` in a VM: interrupts are not given on their own, they come with the device
        if (hint == null && t != null && t.getType() == ShyLexer.IDENT && expected.contains(ShyLexer.PASSTHROUGH)
                && INTERRUPT_WORDS.contains(t.getText().toLowerCase(java.util.Locale.ROOT))) {
            hint = "A VM gets a device's interrupts with the device: `passthrough NAME` gives it the board's device NAME and "
                    + "every interrupt its `irq` lists. An emulated virtio device names its own (`virtio … irq N`).";
        }
        // `shared chan` in a VM: a shared region is declared once, in the system, and names the VMs it is mapped into;
        // at the VM's own indentation or left of it, the VM's `}` is what is missing (DslParser's recovery reads it so)
        if (hint == null && t != null && t.getType() == ShyLexer.SHARED && expected.contains(ShyLexer.PASSTHROUGH)) {
            hint = strayInside(parser, t)
                    ? "A VM does not list its shared regions: a `shared NAME size SIZE { VM @ IPA rw }` block in the system, "
                      + "beside the `vm` blocks, maps the region into each VM it names."
                    : "The `vm` block before it has no `}`: a `shared` block belongs to the system, after the VM's `}`.";
        }
        // `device rtc …` after a device's block without its `}`, or a board statement written inside the block
        if (hint == null && inDeviceBlock && t != null && FastParser.startsBoardStatement(t.getType())) {
            hint = strayInside(parser, t)
                    ? "A device's block holds only its `dt-path`, `dma`, `iommu` and `property` lines: move the line after the "
                      + "block's `}`."
                    : "The device's block before it has no `}`: close it on a line before this one.";
        }
        // `passthrough rtc, gpio`: one device a statement
        if (hint == null && t != null && t.getType() == ShyLexer.COMMA && sameLine
                && lastStatement(parser) instanceof ShyParser.VmPassthroughContext p) {
            String after = file.text().substring(t.getStopIndex() + 1, restOfLine(t.getStopIndex() + 1)[1]).strip();
            String next = "NAME";
            for (String w : after.split("[\\s,]+")) if (!w.isEmpty()) { next = shown(w); break; }
            hint = "`passthrough` takes one device: write one line for each, `passthrough " + shown(p.name().getText())
                    + "` and then `passthrough " + next + "`.";
        }
        // `doorbell a to b irq 50` in a VM: a doorbell rings through a region both VMs map, and is declared with it
        if (hint == null && t != null && t.getType() == ShyLexer.DOORBELL && expected.contains(ShyLexer.PASSTHROUGH)) {
            hint = "A doorbell belongs to the region its two VMs share: write it in the system's `shared NAME size SIZE { … }` "
                    + "block, after the lines that map the region into both VMs (`doorbell A to B irq N`).";
        }
        // `kernel images/Image`, `bootargs console=ttyAMA0 quiet`: text without its quotes. The error is at the whole
        // text (a path is one word, bootargs the rest of the line), and what its own characters cause after it, a `/`,
        // a `=`, the next word, is dropped once the file is parsed (dropFollowOnsOfUnquotedPaths)
        boolean unquotedText = false;
        // `bootargs` or `kernel` with nothing after it, and the block's `}` (or the next statement) on a later line: the
        // statement is unfinished. Quoting the next line's text (`"}"`) would take the block's `}` away.
        if (hint == null && t != null && !eof(t) && before != null && !sameLine && expected.contains(ShyLexer.STRING)
                && before.getType() != ShyLexer.IDENT && !before.getText().isEmpty() && Character.isLetter(before.getText().charAt(0))) {
            hint = "`" + before.getText() + "` on line " + before.getLine() + " is not finished: write its text in double quotes "
                    + "after it, on that line (`" + before.getText() + " \"…\"`).";
        }
        if (hint == null && t != null && !eof(t) && expected.contains(ShyLexer.STRING)) {
            boolean bootargs = before != null && before.getType() == ShyLexer.BOOTARGS;
            int[] run = bootargs ? restOfLine(t.getStartIndex()) : word(t.getStartIndex());
            // `bootargs 'a b'`: the lexer skipped the opening `'` (a character error, dropped with the text's follow-ons)
            if (run[0] > 0 && file.text().charAt(run[0] - 1) == '\'') run[0]--;
            String text = file.text().substring(run[0], run[1]);
            if (bootargs || t.getType() == ShyLexer.IDENT || text.indexOf('/') >= 0 || text.indexOf('.') >= 0) {
                // `'images/rt.bin'`: in single quotes, which the hint would have kept inside the double ones
                boolean single = text.length() >= 2 && text.startsWith("'") && text.endsWith("'");
                hint = "Text is written in double quotes" + (single ? ", not single ones" : "") + ": `\""
                        + (single ? text.substring(1, text.length() - 1) : text) + "\"`.";
                d = Diagnostic.of(Codes.SYNTAX, new SourceSpan(file, run[0], run[1]), "Unexpected `" + text + "`"
                        + (where.isEmpty() ? "" : " " + where) + "; expected a string.");
                unquoted.add(run);
                unquotedText = true;
            }
        }
        // A statement left unfinished at the end of its line (`bootargs`, `kernel "k" @`), the token after it on a later
        // line (the block's `}`): the error is where the statement stops, which is what an editor should underline,
        // not the `}`, which is right
        // (`kernel "k"` and the next statement below it: the parser wants `@`, and no statement can end there, since
        // neither the block's `}` nor the end of the file is among what it wants)
        boolean unfinished = !unquotedText && t != null && !eof(t) && before != null && !sameLine && before.getStopIndex() >= 0
                && (antlrMsg != null && antlrMsg.startsWith("missing ") || hint != null && hint.contains(" is not finished")
                    || !expected.contains(ShyLexer.RBRACE) && !expected.contains(Token.EOF));
        if (unfinished) {
            String block = enclosing(parser);
            d = Diagnostic.of(Codes.SYNTAX, new SourceSpan(file, before.getStartIndex(), before.getStopIndex() + 1), "Missing "
                    + wanted + " after `" + shown(before.getText()) + "`" + (block.isEmpty() ? "" : " " + block) + ".");
            // `passthrough` alone: its two forms
            if (hint == null && before.getType() == ShyLexer.PASSTHROUGH)
                hint = "`passthrough NAME` gives the VM the board's device NAME with its interrupts; `passthrough @ ADDRESS size "
                        + "SIZE` gives it a window of the board's address space.";
            // `watchdog 100`, `start`, `on fault` with the rest of the statement left out
            if (hint == null) hint = lifecycleHint(parser);
            // `kernel "k"`: the address it is loaded at is not optional
            if (hint == null && expected.size() == 1 && expected.contains(ShyLexer.AT))
                hint = "Write `@` and the address on the same line: `" + shown(before.getText()) + " @ 0x…`.";
        }
        // `timer irq 29, 30, 27, 26`: the `[` missing, then, where the line ends, the `]`; one slip, said once, with the
        // list as it is written
        ParserRuleContext here = parser.getContext();
        boolean listOpen = antlrMsg != null && antlrMsg.startsWith("missing ") && here instanceof ShyParser.ListContext
                && expected.size() == 1 && expected.contains(ShyLexer.LBRACK) && t != null && !eof(t);
        if (listOpen) hint = "A list is written in brackets: `[" + shown(t.getText()) + ", …]`.";
        if (unbracketed != null && here == unbracketedList && expected.contains(ShyLexer.RBRACK) && before != null) {
            int from = unbracketed.span().start();
            String list = "[" + file.text().substring(from, Math.max(from, before.getStopIndex() + 1)) + "]";
            int at = out.indexOf(unbracketed);
            if (at >= 0) out.set(at, new Diagnostic(unbracketed.code(), unbracketed.severity(), unbracketed.span(),
                    unbracketed.message(), "A list is written in brackets: `" + shown(list) + "`.", unbracketed.related()));
            unbracketed = null;
            return;
        }
        if (hint != null) d.hint(hint);
        if (eof(t) && expected.contains(ShyLexer.RBRACE)) unclosed(parser, d);
        Diagnostic built = d.build();
        out.add(built);
        if (unquotedText) primaries.add(built);
        if (arrow != null) {
            unquoted.add(arrow);
            primaries.add(built);
        }
        if (listOpen) {
            unbracketed = built;
            unbracketedList = here;
        }
        if (count == MAX_PER_FILE) {
            out.add(Diagnostic.of(Codes.SYNTAX, span, "Too many syntax errors in `" + file.displayPath()
                    + "`; the rest of the file is not reported.").build());
        }
    }

    /**
     * `device uart1 …` first on its line in a `gic` block, or any statement of the enclosing block in a block of settings:
     * one error at its first word. {@code stray}: not first on its line, or indented deeper than the block, so written
     * inside it; otherwise the block's `}` is missing before it.
     */
    void statementAmongSettings(ParserRuleContext block, Token t, boolean stray) {
        if (count++ >= MAX_PER_FILE) return;
        String name = SettingBlocks.block(block);
        String outer = SettingBlocks.outer(block);
        int start = Math.min(t.getStartIndex(), file.text().length());
        SourceSpan span = new SourceSpan(file, start, Math.min(Math.max(start, t.getStopIndex() + 1), file.text().length()));
        String word = shown(t.getText());
        Diagnostic d = stray
                ? Diagnostic.of(Codes.SYNTAX, span, "`" + word + "` starts a statement of the `" + outer + "` block, not a setting "
                        + "of this `" + name + "` block.").hint("Move the line after the `" + name + "` block's `}`: a `" + name
                        + "` block holds only its settings (`KEY VALUE` or `KEY @ ADDRESS size SIZE`).").build()
                : Diagnostic.of(Codes.SYNTAX, span, "The `" + name + "` block above `" + word + "` has no `}`.")
                        .hint("Close it with `}` on a line before this one: `" + word + "` starts a statement of the `" + outer
                                + "` block.").related(tokenSpan(block.getStart()), "the `" + name + "` block starts here").build();
        out.add(d);
    }

    /**
     * Whether {@code t} starts its line, further right than the first word of the block the parser is in: a statement
     * written inside that block, not the start of what follows it.
     */
    static boolean strayInside(Parser p, Token t) {
        ParserRuleContext block = p.getContext();
        if (block == null || block.getStart() == null || t.getType() == Token.EOF) return false;
        Token first = block.getStart();
        Token before = t.getTokenIndex() > 0 ? p.getInputStream().get(t.getTokenIndex() - 1) : null;
        return first.getLine() < t.getLine() && before != null && before.getLine() < t.getLine()
                && t.getCharPositionInLine() > first.getCharPositionInLine();
    }

    /** Words a VM's interrupts are asked for by, which the language has no statement for. */
    private static final java.util.Set<String> INTERRUPT_WORDS = java.util.Set.of("interrupts", "interrupt", "irq", "irqs");

    /**
     * The tokens expected, in words. Where ANTLR could not choose between statements that begin alike (`passthrough NAME`,
     * `passthrough @ …`), its set is what may start a statement, not what may follow the word already read: after
     * `passthrough` it listed every VM statement. There, what either form takes next.
     */
    private static String wanted(IntervalSet expected, RecognitionException e, Token prior) {
        if (e instanceof NoViableAltException nva && prior != null && nva.getStartToken() == prior
                && prior.getType() == ShyLexer.PASSTHROUGH) {
            return "a device name or `@`";
        }
        return TokenNames.expected(expected);
    }

    /**
     * Where the parser was, skipping a number it was in the middle of and a list not begun (`cpus` without its `[`): the
     * block the unfinished statement is in.
     */
    private static String enclosing(Parser parser) {
        for (ParserRuleContext c = parser.getContext(); c != null; c = c.getParent()) {
            int rule = c.getRuleIndex();
            if (rule == ShyParser.RULE_number || rule == ShyParser.RULE_unit) continue;
            if (rule == ShyParser.RULE_list && (c.children == null || c.children.isEmpty())) continue;
            String name = TokenNames.ruleName(rule);
            if (!name.isEmpty()) return name;
        }
        return "";
    }

    /** How the lifecycle statement the parser is in is written whole, or null outside one. */
    private static String lifecycleHint(Parser parser) {
        for (ParserRuleContext c = parser.getContext(); c != null; c = c.getParent()) {
            if (c instanceof ShyParser.VmWatchdogContext) return "Write the period's unit on the same line: `watchdog N ms` (or `s`).";
            if (c instanceof ShyParser.VmStartContext) return "Write how the VM starts on the same line: `start boot` or `start waiting`.";
            if (c instanceof ShyParser.VmOnContext) return "Write the event and what to do on one line: `on fault|off|reset "
                    + "restart|halt|stop-system`.";
        }
        return null;
    }

    /** The statement the parser finished last in the block it is in, or null. */
    private static ParserRuleContext lastStatement(Parser parser) {
        ParserRuleContext ctx = parser.getContext();
        if (ctx == null || ctx.children == null) return null;
        for (int i = ctx.children.size() - 1; i >= 0; i--) {
            if (ctx.children.get(i) instanceof ParserRuleContext c) return c;
            if (ctx.children.get(i) instanceof org.antlr.v4.runtime.tree.ErrorNode) return null;
        }
        return null;
    }

    /** Whether a block comment never closed was reported: it took the rest of the file, braces and all. */
    private boolean unclosedComment() {
        for (Diagnostic prior : out) if (DslParser.unclosedComment(prior)) return true;
        return false;
    }

    /**
     * The file ends inside a block: say which `{` is never closed, and, since the `}` that is missing is usually
     * earlier, the first block whose `}` sits at another indentation than the line that opened it (a `}` at the
     * system's indentation closing a VM's block: the VM's own `}` is the one missing).
     */
    private void unclosed(Parser parser, Diagnostic.Builder d) {
        if (!(parser.getInputStream() instanceof org.antlr.v4.runtime.BufferedTokenStream ts)) return;
        // a block comment never closed took the rest of the file, braces and all: that error says what to add
        if (unclosedComment()) return;
        java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
        Token misplaced = null;
        Token closedBy = null;
        for (Token tok : ts.getTokens()) {
            if (tok.getType() == ShyLexer.LBRACE) {
                open.push(tok);
            } else if (tok.getType() == ShyLexer.RBRACE && !open.isEmpty()) {
                Token o = open.pop();
                if (misplaced == null && firstOnLine(tok) && column(tok) != indentation(o)) {
                    misplaced = o;
                    closedBy = tok;
                }
            }
        }
        if (open.isEmpty()) return;
        Token last = open.peek();
        d.related(tokenSpan(last), "this `{` is never closed");
        if (misplaced != null) {
            d.related(tokenSpan(misplaced), "this block is closed by the `}` on line " + closedBy.getLine()
                    + ", which is indented as an outer block's: its own `}` may be the one missing");
        }
        d.hint("Add the missing `}`.");
    }

    /**
     * A token as a message quotes it: one longer than 40 characters (a string never closed, a run of junk) cut to its
     * first 39 and `…`. A 3 MB string without its closing quote made a 3 MB message, printed once more in JSON and
     * SARIF, and by an editor in its problems list.
     */
    static String shown(String text) {
        if (text.length() <= 40) return text;
        int end = Character.isLowSurrogate(text.charAt(39)) ? 38 : 39;
        return text.substring(0, end) + "…";
    }

    private SourceSpan tokenSpan(Token tok) {
        int start = Math.min(tok.getStartIndex(), file.text().length());
        return new SourceSpan(file, start, Math.min(start + 1, file.text().length()));
    }

    private int lineStart(int at) {
        return SourceFile.lineStart(file.text(), at);
    }

    private int column(Token tok) {
        return tok.getStartIndex() - lineStart(tok.getStartIndex());
    }

    private boolean firstOnLine(Token tok) {
        String s = file.text();
        for (int i = lineStart(tok.getStartIndex()); i < tok.getStartIndex(); i++) if (s.charAt(i) != ' ' && s.charAt(i) != '\t') return false;
        return true;
    }

    /** The blanks at the start of the line {@code tok} is on. */
    private int indentation(Token tok) {
        String s = file.text();
        int i = lineStart(tok.getStartIndex());
        int from = i;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i - from;
    }

    /** The run of text around {@code at} between blanks or delimiters: a path the user meant as one string. */
    /**
     * Drops what an unquoted path's own characters caused after its error: `kernel ../images/Image @ 0x0` was one
     * error for the `..`, three for `/` and `.`, and one more for `Image`, where the first error's hint quotes the
     * whole path already. Called once the file is parsed (the lexer's errors are in {@code out} too).
     */
    void dropFollowOnsOfUnquotedPaths() {
        if (unquoted.isEmpty()) return;
        out.removeIf(d -> {
            if (d.code() != Codes.SYNTAX && d.code() != Codes.BAD_TOKEN) return false;
            for (Diagnostic p : primaries) if (p == d) return false;
            for (int[] u : unquoted) if (d.span().start() >= u[0] && d.span().start() < u[1]) return true;
            return false;
        });
    }

    /** { start, end } of the run of text around offset {@code at} up to white space or punctuation. */
    private int[] word(int at) {
        String s = file.text();
        int start = Math.min(at, s.length());
        while (start > 0 && !delimits(s.charAt(start - 1))) start--;
        int end = start;
        while (end < s.length() && !delimits(s.charAt(end))) end++;
        return new int[] {start, end};
    }

    /** { start, end } of the line from {@code at} on, less a `//` comment, a `;` and white space at its end. */
    private int[] restOfLine(int at) {
        String s = file.text();
        int end = at;
        while (end < s.length() && s.charAt(end) != '\n' && s.charAt(end) != '\r') end++;
        int comment = s.indexOf("//", at);
        if (comment >= 0 && comment < end) end = comment;
        while (end > at && (Character.isWhitespace(s.charAt(end - 1)) || s.charAt(end - 1) == ';')) end--;
        return new int[] {at, end};
    }

    private static boolean delimits(char c) {
        return " \t\r\n{}[],;@\"".indexOf(c) >= 0;
    }

    private static boolean eof(Token t) {
        return t == null || t.getType() == Token.EOF;
    }

    /** What a newcomer meant by a statement the language has in another form, where the expected set shows the place. */
    private static String hintFor(Token t, IntervalSet expected) {
        if (t == null) return null;
        boolean vmItem = expected.contains(ShyLexer.PASSTHROUGH) && expected.contains(ShyLexer.VIRTIO);
        // `irq 40` in a VM: interrupts come with what the VM is given
        if (vmItem && t.getType() == ShyLexer.IRQ) {
            return "A VM's interrupts come with what it is given: a passed-through device brings its own (`passthrough "
                    + "DEVICE`), a virtio device takes one (`virtio KIND @ IPA irq N`), and a doorbell names one "
                    + "(`doorbell A to B irq N` in a `shared` block).";
        }
        return null;
    }

    private static boolean isUnit(int type) {
        return type == ShyLexer.KIB || type == ShyLexer.MIB || type == ShyLexer.GIB || type == ShyLexer.TIB;
    }

    /** The `}` that ended the last system or board declared before the parser's place at the top level, or null. */
    private static Token lastCloser(ParserRuleContext file) {
        for (int i = file.getChildCount() - 1; i >= 0; i--) {
            if (!(file.getChild(i) instanceof ShyParser.DeclContext decl)) continue;
            ParserRuleContext block = decl.systemDecl() != null ? decl.systemDecl() : decl.boardDecl();
            if (block == null || block.getStop() == null || block.getStop().getType() != ShyLexer.RBRACE) return null;
            return block.getStop();
        }
        return null;
    }

    /** The board of the file's first `import board "NAME"`, or null. */
    private static String importedBoard(org.antlr.v4.runtime.TokenStream tokens) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).getType() == ShyLexer.IMPORT && tokens.get(i + 1).getType() == ShyLexer.BOARD
                    && tokens.get(i + 2).getType() == ShyLexer.STRING) {
                String quoted = tokens.get(i + 2).getText();
                return quoted.length() >= 2 ? shown(quoted.substring(1, quoted.length() - 1)) : null;
            }
            if (tokens.get(i).getType() == ShyLexer.SYSTEM) return null;
        }
        return null;
    }

    /** A unit mistyped: `KB`, `M`, or one in the wrong case, without the `i` or without the `B` (`mib`, `TB`, `Mi`). */
    private static boolean unitWord(String s) {
        return s != null && s.matches("[KMG]|(?i)[kmgt]i?b|(?i)[kmgt]i");
    }

    private static String hintFor(Token t) {
        if (t == null) return null;
        String s = t.getText();
        if (s == null) return null;
        switch (s) {
            case "KB": case "kB": case "K": return "Sizes use binary units: write `KiB`.";
            case "MB": case "M": return "Sizes use binary units: write `MiB`.";
            case "GB": case "G": return "Sizes use binary units: write `GiB`.";
            case "=": return "Settings are written `key value`, without `=`.";
            default: break;
        }
        if (unitWord(s)) return "Units are written `KiB`, `MiB`, `GiB` and `TiB`: write `"
                + Character.toUpperCase(s.charAt(0)) + "iB`.";
        return null;
    }
}
