package org.shyperc.cli.lsp;

import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.shyperc.dsl.source.SourceFile;

/**
 * The edit between the text an analysis read ({@code then}, with its line table) and a buffer's
 * text now: their common prefix and, after it, their common suffix; between them the changed
 * part. Made once for a pair of texts and kept (see {@link Documents.Buffer#since}): on a 5 MB
 * document, comparing the texts and making the new text's line table took most of a request's
 * time when every request did it.
 *
 * <p>The new text's line table is not made by a pass over it: its lines before the change start
 * where {@code then}'s do, those after it where {@code then}'s do moved by the change in length,
 * and only the changed part is searched for line ends.
 */
final class Shift {
    /**
     * The texts are compared this many characters at a time with {@link String#equals}, which
     * the JVM compiles early (it is everywhere) into vector code; a loop of ours over 5 MB runs
     * in the interpreter for the first edits, 0.4-1.1 s each (bench/README.md).
     */
    static final int BLOCK = 16 * 1024;

    private final SourceFile then;
    private final String now;
    private final int prefix;
    private final int suffix;
    /**
     * The line starts of {@code now} from the common prefix's end to the changed part's end. A line starts after a `\n`,
     * or after a `\r` that no `\n` follows (SourceFile): a start depends on the characters on both sides of it, so the
     * one at the prefix's end and the one at the suffix's start are looked at in {@code now}.
     */
    private final int[] changedStarts;
    /** Line starts before the prefix's end (the same in both texts). */
    private final int endsBefore;
    /** Line ends of {@code then} before its common suffix. */
    private final int thenEndsBeforeSuffix;
    private final int lineCount;

    private Shift(SourceFile then, String now, int prefix, int suffix) {
        this.then = then;
        this.now = now;
        this.prefix = prefix;
        this.suffix = suffix;
        int changedEnd = now.length() - suffix;
        int[] starts = new int[8];
        int n = 0;
        // a start p in [prefix, changedEnd] (p > 0) follows the line end at p - 1
        int from = Math.max(prefix - 1, 0);
        int nl = now.indexOf('\n', from);
        int cr = now.indexOf('\r', from);
        while (true) {
            int i = nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
            if (i < 0 || i >= changedEnd) break;
            if (i == nl) {
                nl = now.indexOf('\n', i + 1);
            } else {
                cr = now.indexOf('\r', i + 1);
                if (i + 1 < now.length() && now.charAt(i + 1) == '\n') continue; // the `\n` of `\r\n` ends the line
            }
            if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
            starts[n++] = i + 1;
        }
        this.changedStarts = Arrays.copyOf(starts, n);
        // SourceFile.line(x) - 1: the line starts in 1..x
        this.endsBefore = prefix == 0 ? 0 : then.line(prefix - 1) - 1;
        int thenLength = then.text().length();
        this.thenEndsBeforeSuffix = then.line(thenLength - suffix) - 1;
        int endsInSuffix = then.lineCount() - 1 - thenEndsBeforeSuffix;
        this.lineCount = 1 + endsBefore + n + endsInSuffix;
    }

    static Shift between(SourceFile then, String now) { return between(then, now, BLOCK); }

    /** {@code block}: see {@link #BLOCK}; tests make it small to reach every branch with short texts. */
    static Shift between(SourceFile then, String now, int block) {
        String old = then.text();
        int prefix = commonPrefix(old, now, block);
        int suffix = commonSuffix(old, now, Math.min(old.length(), now.length()) - prefix, block);
        return new Shift(then, now, prefix, suffix);
    }

    private static int commonPrefix(String a, String b, int block) {
        int max = Math.min(a.length(), b.length());
        int n = 0;
        while (n + block <= max && a.substring(n, n + block).equals(b.substring(n, n + block))) n += block;
        while (n < max && a.charAt(n) == b.charAt(n)) n++;
        return n;
    }

    /** The common suffix, at most {@code limit} long (it does not reach into the common prefix). */
    private static int commonSuffix(String a, String b, int limit, int block) {
        int n = 0;
        while (n + block <= limit
                && a.substring(a.length() - n - block, a.length() - n).equals(b.substring(b.length() - n - block, b.length() - n))) {
            n += block;
        }
        while (n < limit && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) n++;
        return n;
    }

    /** The analysis's source this shift starts from. */
    SourceFile then() { return then; }

    /** The two texts are equal. */
    boolean none() { return prefix == then.text().length() && prefix == now.length(); }

    /**
     * Where {@code offset} in the new text stood in {@code then}: the same offset before the
     * changed part, shifted by the change in length after it, and the start of the change inside it.
     */
    int before(int offset) {
        if (offset <= prefix) return offset;
        if (offset >= now.length() - suffix) return offset - (now.length() - then.text().length());
        return prefix;
    }

    /** The offset of an LSP position in the new text, as {@link Positions#offset} finds it with the new text's line table. */
    int offset(Position p) {
        int line = Math.min(p.getLine() + 1, lineCount);
        int lineStart = lineStart(line);
        // as SourceFile.lineText: the next line's start, unclamped (line 0, from line -1, ends at 0)
        int end = line < lineCount ? start(line) : now.length();
        while (end > lineStart && (now.charAt(end - 1) == '\n' || now.charAt(end - 1) == '\r')) end--;
        return Math.min(lineStart + p.getCharacter(), end);
    }

    int lineCount() { return lineCount; }

    /** Offset in the new text of the start of a 1-based line (clamped to the lines there are, as {@link SourceFile#lineStart}). */
    int lineStart(int line) {
        return start(Math.max(0, Math.min(line - 1, lineCount - 1)));
    }

    /** The start of the line after {@code j} line ends. */
    private int start(int j) {
        if (j <= endsBefore) return then.lineStart(j + 1);
        if (j <= endsBefore + changedStarts.length) return changedStarts[j - endsBefore - 1];
        int inSuffix = j - endsBefore - changedStarts.length;
        return then.lineStart(thenEndsBeforeSuffix + inSuffix + 1) + (now.length() - then.text().length());
    }
}
