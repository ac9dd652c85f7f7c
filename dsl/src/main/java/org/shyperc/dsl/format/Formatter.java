package org.shyperc.dsl.format;

import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.parser.ShyLexer;
import org.shyperc.dsl.parser.ShyParser;
import org.shyperc.dsl.source.SourceFile;

/**
 * The canonical layout of a .shy file (what `shyperc fmt` and the language server's
 * formatting write). Only text that parses is formatted; otherwise the value is null and the
 * parse diagnostics say why. Comments are kept; the output means the same as the input
 * (checked on every call) and formatting it again changes nothing.
 */
public final class Formatter {
    /** Problems that leave no reliable parse tree to lay out. */
    private static final Set<Code> UNFORMATTABLE = Set.of(Codes.SYNTAX, Codes.BAD_TOKEN, Codes.TOO_DEEP, Codes.NOT_TEXT);

    private Formatter() { }

    public static Result<String> format(SourceFile file) {
        Result<org.shyperc.dsl.ast.ShyFile> parsed = DslParser.parse(file);
        List<Diagnostic> blocking = parsed.diagnostics().stream()
                .filter(d -> UNFORMATTABLE.contains(d.code())).toList();
        if (!blocking.isEmpty()) return new Result<>(null, blocking);
        Object meaning = AstShape.of(parsed.value());
        // Leaving out `;` is almost always safe; where the parser would then join two
        // statements (`property "a"; dma`), every semicolon the source had is kept instead.
        String text = layout(file, false);
        if (!sameMeaning(text, file, meaning)) {
            text = layout(file, true);
            // Only whitespace and comments moved now; a difference would be a formatter bug,
            // and writing it out would silently change the user's system.
            if (!sameMeaning(text, file, meaning)) {
                throw new IllegalStateException("formatting would change the meaning of " + file.displayPath());
            }
        }
        return new Result<>(lineEnds(file.text(), text), List.of());
    }

    /**
     * A file whose first line ends in CRLF (written on Windows, or checked out with git's autocrlf) keeps CRLF: the
     * layout is the canonical one, the line ends the file's. Rewriting them to LF made `fmt --check` fail on every
     * such file and an editor's format-on-save change every line. One whose first line ends in a carriage return alone
     * (old Mac) keeps those the same way.
     */
    private static String lineEnds(String source, String laidOut) {
        int cr = source.indexOf('\r');
        int nl = source.indexOf('\n');
        if (cr < 0 || nl >= 0 && nl < cr) return laidOut;
        String end = cr + 1 < source.length() && source.charAt(cr + 1) == '\n' ? "\r\n" : "\r";
        return laidOut.replace("\r\n", "\n").replace("\n", end);
    }

    private static boolean sameMeaning(String text, SourceFile file, Object meaning) {
        return AstShape.of(DslParser.parse(SourceFile.of(file.displayPath(), text)).value()).equals(meaning);
    }

    private static String layout(SourceFile file, boolean keepSemicolons) {
        ShyLexer lexer = new ShyLexer(CharStreams.fromString(file.text(), file.displayPath()));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        ShyParser parser = new ShyParser(stream);
        parser.removeErrorListeners();
        parser.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
        ShyParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (ParseCancellationException e) {
            throw new IllegalStateException("text without syntax errors failed to parse", e);
        }
        stream.fill();
        List<Token> tokens = stream.getTokens();
        return new Printer(tokens, LineBreaks.of(tree, keepSemicolons)).print();
    }
}
