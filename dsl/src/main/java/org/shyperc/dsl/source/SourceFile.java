package org.shyperc.dsl.source;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The text of one input file and its line table. Positions elsewhere are offsets into
 * {@link #text()}; line and column are derived here, on demand.
 * Identity equality on purpose: two loads of the same path are two sources.
 */
public final class SourceFile {
    private final String displayPath;
    private final Path path;
    private final String text;
    private final int[] lineStarts;
    /** The file began with a byte-order mark, which {@link #text()} holds as a space (offsets stay the file's). */
    private final boolean bom;

    public SourceFile(String displayPath, Path path, String text) {
        this(displayPath, path, text, false);
    }

    public SourceFile(String displayPath, Path path, String text, boolean bom) {
        this.displayPath = displayPath;
        this.path = path;
        this.text = text;
        this.bom = bom;
        this.lineStarts = computeLineStarts(text);
    }

    /** A source that is not on disk (editor buffers, tests). */
    public static SourceFile of(String displayPath, String text) {
        return new SourceFile(displayPath, null, text);
    }

    /**
     * A line ends at `\n`, `\r\n` or a `\r` alone, as LSP has it and editors show it: with `\n` alone a file saved
     * with old Mac line endings was one line, every diagnostic at line 1 and a column in the hundreds, and the
     * editor's positions did not meet the server's.
     */
    private static int[] computeLineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (endsLine(text, i)) {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /** Whether {@code s.charAt(i)} ends a line: a `\n`, or a `\r` no `\n` follows (its `\n` ends a `\r\n`). */
    public static boolean endsLine(CharSequence s, int i) {
        char c = s.charAt(i);
        return c == '\n' || c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n');
    }

    /** Where the line holding {@code offset} of {@code text} starts: after the last `\n` or `\r` before it. */
    public static int lineStart(String text, int offset) {
        int i = Math.min(offset, text.length()) - 1;
        while (i >= 0 && text.charAt(i) != '\n' && text.charAt(i) != '\r') i--;
        return i + 1;
    }

    public String displayPath() { return displayPath; }

    /** The file on disk, or null for an in-memory source. */
    public Path path() { return path; }

    public String text() { return text; }

    /** Whether the bytes began with a UTF-8 byte-order mark (the text has a space in its place, keeping offsets). */
    public boolean bom() { return bom; }

    /** The bytes the text was read from (the manifest's hash is of these): UTF-8, with the mark where there was one. */
    public byte[] bytes() {
        return (bom ? "\uFEFF" + text.substring(1) : text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public int lineCount() { return lineStarts.length; }

    /** 1-based line of an offset. */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /**
     * 1-based column (in UTF-16 units) of an offset. The first line of a file with a byte-order mark starts after the
     * mark's place, as editors show it (the mark was column 1, every column of line 1 one too far).
     */
    public int column(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int line = line(clamped);
        int start = lineStarts[line - 1] + (bom && line == 1 ? 1 : 0);
        return Math.max(1, clamped - start + 1);
    }

    /** Offset of the start of a 1-based line. */
    public int lineStart(int line) {
        return lineStarts[Math.max(0, Math.min(line - 1, lineStarts.length - 1))];
    }

    /** The text of a 1-based line without its line terminator. */
    public String lineText(int line) {
        return text.substring(lineTextStart(line), lineTextEnd(line));
    }

    /** The length of a 1-based line without its line terminator. */
    public int lineLength(int line) {
        return lineTextEnd(line) - lineTextStart(line);
    }

    /**
     * Columns [from, to) (0-based, clamped) of a 1-based line: a diagnostic on a line of megabytes (a generated file's
     * one line) shows a part of it, and copying the whole line for each of thousands of diagnostics took minutes.
     */
    public String lineText(int line, int from, int to) {
        int start = lineTextStart(line), end = lineTextEnd(line);
        int a = Math.min(end, start + Math.max(0, from));
        return text.substring(a, Math.max(a, Math.min(end, start + Math.max(0, to))));
    }

    private int lineTextStart(int line) {
        return Math.min(lineStart(line) + (bom && line <= 1 ? 1 : 0), text.length());
    }

    private int lineTextEnd(int line) {
        int start = lineTextStart(line);
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
        return end;
    }

    /** Offset of a 1-based line and 1-based column (for editors). */
    public int offset(int line, int column) {
        return Math.min(text.length(), lineStart(line) + (bom && line <= 1 ? 1 : 0) + Math.max(0, column - 1));
    }

    @Override
    public String toString() { return displayPath; }
}
