package org.shyperc.dsl.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Lines end at `\n`, `\r\n` and a `\r` alone, the three LSP names: a file saved with old Mac line endings was one line
 * to shyperc, so its diagnostics said `1:141` where the editor shows line 7, and the language server's positions and
 * the editor's did not meet.
 */
class LineEndingsTest {
    private static final String TEXT = "a\nbb\r\nccc\rdddd\r\r\ne";

    @Test
    void eachTerminatorEndsALine() {
        SourceFile f = SourceFile.of("x.shy", TEXT);
        assertEquals(6, f.lineCount());
        String[] lines = {"a", "bb", "ccc", "dddd", "", "e"};
        for (int i = 0; i < lines.length; i++) assertEquals(lines[i], f.lineText(i + 1), "line " + (i + 1));
    }

    /** A part of a line (a snippet of a long one) is the same text as cut from the whole line, clamped to it. */
    @Test
    void aPartOfALineIsCutFromThatLineAlone() {
        SourceFile f = SourceFile.of("x.shy", TEXT);
        String[] lines = {"a", "bb", "ccc", "dddd", "", "e"};
        for (int i = 0; i < lines.length; i++) {
            assertEquals(lines[i].length(), f.lineLength(i + 1), "line " + (i + 1));
            for (int from = -1; from <= 6; from++) {
                for (int to = from; to <= 7; to++) {
                    int a = Math.min(lines[i].length(), Math.max(0, from));
                    int b = Math.max(a, Math.min(lines[i].length(), Math.max(0, to)));
                    assertEquals(lines[i].substring(a, b), f.lineText(i + 1, from, to), "line " + (i + 1) + " [" + from + ", " + to + ")");
                }
            }
        }
        SourceFile bom = new SourceFile("x.shy", null, " abc\nd", true);
        assertEquals(3, bom.lineLength(1));
        assertEquals("bc", bom.lineText(1, 1, 9));
    }

    @Test
    void offsetsMapToTheLineAndColumnAnEditorShows() {
        SourceFile f = SourceFile.of("x.shy", TEXT);
        int d = TEXT.indexOf('d');
        assertEquals(4, f.line(d));
        assertEquals(1, f.column(d));
        assertEquals(d + 2, f.offset(4, 3));
        int e = TEXT.indexOf('e');
        assertEquals(6, f.line(e));
        // the `\r` of a `\r\n` belongs to the line it ends, not to a line of its own
        assertEquals(2, f.line(TEXT.indexOf("\r\n")));
        assertEquals(3, f.column(TEXT.indexOf("\r\n")));
    }

    @Test
    void aByteOrderMarkIsNoColumnOfTheFirstLine() {
        // the reader leaves a space where the mark was, keeping offsets; an editor shows no column for it
        SourceFile f = new SourceFile("x.shy", null, " ab\ncd", true);
        assertEquals(1, f.column(1));
        assertEquals(2, f.column(2));
        assertEquals("ab", f.lineText(1));
        assertEquals(2, f.offset(1, 2));
        assertEquals(1, f.column(4));   // the second line is as without a mark
        assertEquals("cd", f.lineText(2));
        assertEquals(4, f.offset(2, 1));
    }

    @Test
    void aFinalLoneCarriageReturnEndsTheLastLine() {
        SourceFile f = SourceFile.of("x.shy", "a\r");
        assertEquals(2, f.lineCount());
        assertEquals("a", f.lineText(1));
        assertEquals("", f.lineText(2));
    }
}
