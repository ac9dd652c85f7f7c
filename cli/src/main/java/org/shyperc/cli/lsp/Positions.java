package org.shyperc.cli.lsp;

import java.net.URI;
import java.nio.file.Path;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** Converts between our offsets/spans and LSP positions (0-based lines, UTF-16 columns, as SourceFile counts). */
final class Positions {
    private Positions() { }

    static int offset(SourceFile file, Position p) {
        int line = Math.min(p.getLine() + 1, file.lineCount());
        int lineStart = file.offset(line, 1);   // after a byte-order mark's place on line 1, as column() counts
        int lineEnd = lineStart + file.lineLength(line);
        return Math.min(lineStart + p.getCharacter(), lineEnd);
    }

    static Position position(SourceFile file, int offset) {
        return new Position(file.line(offset) - 1, file.column(offset) - 1);
    }

    static Range range(SourceSpan s) {
        return new Range(position(s.file(), s.start()), position(s.file(), s.end()));
    }

    static Range range(SourceFile file, int start, int end) {
        return new Range(position(file, start), position(file, end));
    }

    static Location location(SourceSpan s) {
        return new Location(uri(s.file()), range(s));
    }

    /** The URI of a source: its file on disk (a copy for a board inside the jar), or its display path for in-memory sources. */
    static String uri(SourceFile file) {
        return file.path() != null ? LibraryFiles.uri(file.path()) : file.displayPath();
    }

    /**
     * A URI the server can work on: a {@code file:} URI naming a local path. Others ("untitled:"
     * buffers, and file URIs no path can stand for: {@code %00} in the name, a host, a query,
     * a relative or malformed URI) are left alone like unsaved buffers, rather than failing the
     * message (a stack trace in the editor's log for a notification).
     */
    static boolean isFile(String uri) { return uri != null && uri.startsWith("file:") && pathOrNull(uri) != null; }

    /** The local path of a URI {@link #isFile} accepted. */
    static Path path(String uri) {
        Path p = pathOrNull(uri);
        if (p == null) throw new IllegalArgumentException("not a local file URI: " + uri);
        return p;
    }

    private static Path pathOrNull(String uri) {
        try {
            return Path.of(new URI(uri)).toAbsolutePath().normalize();
        } catch (java.net.URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException
                 | SecurityException e) { // InvalidPathException is an IllegalArgumentException
            return null;
        }
    }

    /** The whole text of a file, for edits that replace it. */
    static Range whole(SourceFile file) {
        return new Range(new Position(0, 0), position(file, file.text().length()));
    }
}
