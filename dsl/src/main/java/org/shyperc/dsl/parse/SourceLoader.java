package org.shyperc.dsl.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.io.InputFiles;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** Reads a file into a {@link SourceFile}, turning every I/O or encoding problem into a diagnostic. */
public final class SourceLoader {
    /** Larger inputs are refused: no configuration is this big, and it bounds memory. */
    public static final long MAX_BYTES = 64L << 20;

    private SourceLoader() { }

    /**
     * Loads {@code path}; {@code displayPath} is how diagnostics name it. On failure the value is
     * null and the diagnostic is placed at {@code from} (the import that asked for it) when given.
     */
    public static Result<SourceFile> load(Path path, String displayPath, SourceSpan from) {
        InputFiles.Read read = InputFiles.read(path, displayPath, MAX_BYTES, "a .shy file");
        if (read.ok()) return decode(read.bytes(), displayPath, path);
        SourceSpan where = from != null ? from : SourceSpan.startOf(SourceFile.of(displayPath, ""));
        boolean notFound = read.refusal() == InputFiles.Refusal.MISSING && from != null;
        Diagnostic.Builder d = Diagnostic.of(notFound ? Codes.IMPORT_NOT_FOUND : Codes.IO, where, read.problem());
        // only for a folder named on the command line: an import is written relative to its file, the names here are not
        String hint = read.refusal() == InputFiles.Refusal.DIRECTORY && from == null ? filesInside(path, displayPath, read.hint())
                : read.refusal() == InputFiles.Refusal.MISSING && from != null ? InputFiles.missingHint(path, displayPath, written(displayPath, from), ".shy")
                : read.hint();
        if (hint != null) d.hint(hint);
        return fail(d.build());
    }

    /** At most this many of a folder's .shy files are named in the hint; the rest are counted. */
    static final int FILES_NAMED = 5;

    /**
     * The hint for a folder given where a .shy file belongs, naming the .shy files directly inside
     * it (`check examples/qemu-virt` most likely meant its `system.shy`); {@code plain} when there
     * are none or the folder cannot be listed.
     */
    static String filesInside(Path folder, String displayPath, String plain) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.shy")) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) names.add(f.getFileName().toString());
            }
        } catch (IOException | SecurityException | DirectoryIteratorException e) {
            return plain;
        }
        if (names.isEmpty()) return plain;
        Collections.sort(names);
        StringBuilder s = new StringBuilder("Give the path of a file inside it: ");
        for (int i = 0; i < Math.min(names.size(), FILES_NAMED); i++) {
            if (i > 0) s.append(", ");
            s.append('`').append(Path.of(displayPath).resolve(names.get(i))).append('`');
        }
        if (names.size() > FILES_NAMED) s.append(" and ").append(names.size() - FILES_NAMED).append(" more");
        return s.append('.').toString();
    }

    /** How the user wrote the path: the import's own text when it is a plain string, else the display path. */
    private static String written(String displayPath, SourceSpan from) {
        String t = from.text();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") && t.indexOf('\\') < 0) return t.substring(1, t.length() - 1);
        return displayPath;
    }

    /** Standard input as a source named {@code displayPath}, read no further than the limit. */
    public static Result<SourceFile> loadStdin(java.io.InputStream in, String displayPath, Path path) {
        InputFiles.Read read = InputFiles.readStdin(in, displayPath, MAX_BYTES, "a .shy file");
        if (read.ok()) return decode(read.bytes(), displayPath, path);
        return fail(Diagnostic.of(Codes.IO, SourceSpan.startOf(SourceFile.of(displayPath, "")), read.problem()).build());
    }

    /**
     * Decodes bytes as strict UTF-8; a NUL byte or an invalid sequence makes it "not text", and the message names the
     * first of them: the decoder stops at the first malformed sequence (a surrogate, an overlong form, a value past
     * U+10FFFF, a cut sequence), which a hand-made scan took for valid and so blamed the file's last byte.
     */
    public static Result<SourceFile> decode(byte[] bytes, String displayPath, Path path) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more chars than it has bytes
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        int bad = r.isError() ? in.position() : bytes.length;
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == 0) return notText(bytes, i, displayPath, path);
        }
        if (bad < bytes.length) return notText(bytes, bad, displayPath, path);
        String text = out.flip().toString();
        boolean bom = text.startsWith("\uFEFF");
        if (bom) text = " " + text.substring(1); // keep offsets, drop the BOM
        return new Result<>(new SourceFile(displayPath, path, text, bom), List.of());
    }

    private static Result<SourceFile> notText(byte[] bytes, int badByte, String displayPath, Path path) {
        // Decode the valid prefix so line:col point at the first bad byte.
        String prefix = new String(bytes, 0, Math.max(0, badByte), StandardCharsets.UTF_8);
        SourceFile file = new SourceFile(displayPath, path, prefix);
        SourceSpan at = new SourceSpan(file, prefix.length(), prefix.length());
        return fail(Diagnostic.of(Codes.NOT_TEXT, at, String.format(
                        "`%s` is not UTF-8 text: byte %d is 0x%02x.", displayPath, badByte, bytes[badByte] & 0xff))
                .hint("Is this a binary file? A .shy file is plain UTF-8 text.").build());
    }

    private static Result<SourceFile> fail(Diagnostic d) {
        return new Result<>(null, List.of(d));
    }
}
