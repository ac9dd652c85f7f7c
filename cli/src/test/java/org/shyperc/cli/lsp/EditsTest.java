package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/**
 * A didChange's changes: the server asks for full sync, but a client that sends ranges anyway must get them applied
 * (each used to be taken for the whole text: an inserted line became the document).
 */
class EditsTest {
    static TextDocumentContentChangeEvent at(int l0, int c0, int l1, int c1, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(l0, c0), new Position(l1, c1)), text);
    }

    static TextDocumentContentChangeEvent whole(String text) {
        return new TextDocumentContentChangeEvent(text);
    }

    @Test
    void aWholeTextReplacesTheDocument() {
        assertEquals("new", Edits.apply("old", List.of(whole("new"))));
        assertEquals("new", Edits.apply(null, List.of(whole("new"))));
    }

    @Test
    void rangesAreAppliedInOrder() {
        String text = "vm a {\n    cpus [0]\n}\n";
        assertEquals("vm a {\n    cpus [0]\n    memory @ 0x0 size 4 KiB\n}\n",
                Edits.apply(text, List.of(at(1, 12, 1, 12, "\n    memory @ 0x0 size 4 KiB"))));
        // the second range is read in the text the first made
        assertEquals("vm b {\n    cpus [1]\n}\n", Edits.apply(text, List.of(at(0, 3, 0, 4, "b"), at(1, 10, 1, 11, "1"))));
        // a deletion across lines
        assertEquals("vm a {\n}\n", Edits.apply(text, List.of(at(1, 0, 2, 0, ""))));
    }

    @Test
    void positionsPastTheEndAreClampedAndColumnsAreUtf16() {
        assertEquals("ab\ncdx", Edits.apply("ab\ncd", List.of(at(500, 0, 600, 3, "x"))));
        assertEquals("abX\ncd", Edits.apply("ab\ncd", List.of(at(0, 99, 0, 99, "X"))));
        // `é😀` is three UTF-16 units: column 3 is after the emoji
        assertEquals("é😀!z", Edits.apply("é😀z", List.of(at(0, 3, 0, 3, "!"))));
        assertEquals("a\r\nXb", Edits.apply("a\r\nb", List.of(at(1, 0, 1, 0, "X"))));
        assertEquals("Xab", Edits.apply("ab", List.of(at(-3, -1, 0, -5, "X"))));
    }

    @Test
    void rangesForADocumentWithoutTextApplyToNothing() {
        assertNull(Edits.apply(null, List.of(at(0, 0, 0, 0, "x"))));
    }
}
