package org.shyperc.cli.lsp;

import java.util.List;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.shyperc.dsl.source.SourceFile;

/** A didChange's changes applied to a document's text: a whole text replaces it, a ranged one replaces its range. */
final class Edits {
    private Edits() { }

    /** {@code text} after {@code changes}, in order; null when a ranged change comes for a document without text. */
    static String apply(String text, List<TextDocumentContentChangeEvent> changes) {
        for (TextDocumentContentChangeEvent c : changes) {
            if (c.getRange() == null) {
                text = c.getText();
                continue;
            }
            if (text == null) return null;
            SourceFile file = SourceFile.of("edit", text);
            int start = offset(file, c.getRange().getStart());
            int end = Math.max(start, offset(file, c.getRange().getEnd()));
            text = text.substring(0, start) + c.getText() + text.substring(end);
        }
        return text;
    }

    /** A position past a line's end is its end, one past the last line the document's end, one before the start 0. */
    private static int offset(SourceFile file, org.eclipse.lsp4j.Position p) {
        if (p.getLine() < 0) return 0;
        if (p.getLine() >= file.lineCount()) return file.text().length();
        return Positions.offset(file, new org.eclipse.lsp4j.Position(p.getLine(), Math.max(0, p.getCharacter())));
    }
}
