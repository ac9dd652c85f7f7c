package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.shyperc.compiler.bind.BoardPath;

/**
 * The language server under a random editing session, over real JSON-RPC: a system document and
 * the board file it imports are opened, then edited (full-text didChange, as the server asks),
 * saved and queried in any order, with no debounce so re-checks race the edits. Afterwards the
 * diagnostics published last for each document must equal a fresh check of its final text, and
 * every request must have been answered (an exception in the server fails it).
 *
 * <p>Input: the system document's text, then operations, each introduced by a NUL byte: an op
 * char, two chars of position, one of length, then the text to insert (see {@link Op}). A plain
 * .shy file is a session without edits. Regression inputs: DocumentEditsFuzzTestInputs/session.
 */
class DocumentEditsFuzzTest {
    private static Path dir;
    private static LspSession session;
    private static String boardText;
    private static String systemUri;
    private static String boardUri;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("shyperc-lsp-fuzz");
        Path board = LspFixture.demo(dir).resolveSibling("qemu-virt.shy");
        boardText = Files.readString(board);
        systemUri = dir.resolve("demo.shy").toUri().toString();
        boardUri = board.toUri().toString();
        session = new LspSession(dir, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) session.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One step of the session. */
    record Op(int kind, int hi, int lo, int length, String insert) {
        static Op parse(String s) {
            int[] c = new int[4];
            for (int i = 0; i < 4; i++) c[i] = i < s.length() ? s.charAt(i) : 0;
            return new Op(c[0], c[1], c[2], c[3], s.length() > 4 ? s.substring(4) : "");
        }

        /** An offset in (or one past) a text of {@code length} chars. */
        int offset(int textLength) { return ((hi & 0xff) << 8 | (lo & 0xff)) % (textLength + 1); }

        /** A position that may lie past the end of its line or of the text: editors send those too. */
        Position position(String text) {
            int lines = (int) text.chars().filter(ch -> ch == '\n').count() + 1;
            return new Position(hi % (lines + 1), lo % 200);
        }
    }

    @DictionaryFile(resourcePath = "/org/shyperc/cli/lsp/shy.dict")
    @FuzzTest
    void session(byte[] data) throws Exception {
        String[] parts = new String(data, StandardCharsets.UTF_8).split("\0", -1);
        Map<String, String> texts = new HashMap<>();
        texts.put(systemUri, parts[0]);
        texts.put(boardUri, boardText);
        TextDocumentService docs = session.server.getTextDocumentService();
        int version = 1;
        docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(boardUri, "shy", version, boardText)));
        docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(systemUri, "shy", version, parts[0])));
        List<Object> answers = new ArrayList<>();
        try {
            for (int i = 1; i < parts.length && i <= 64; i++) {
                Op op = Op.parse(parts[i]);
                String uri = (op.kind() & 1) == 0 ? systemUri : boardUri;
                String text = texts.get(uri);
                switch ((op.kind() >> 1) % 4) {
                    case 0, 1 -> { // an edit: replace length chars at offset with the inserted text
                        int at = op.offset(text.length());
                        int end = Math.min(text.length(), at + (op.length() & 0xff));
                        String next = text.substring(0, at) + op.insert() + text.substring(end);
                        texts.put(uri, next);
                        docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, ++version),
                                List.of(new TextDocumentContentChangeEvent(next))));
                    }
                    case 2 -> answers.add(request(docs, uri, op, text));
                    default -> docs.didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(uri)));
                }
            }
            session.settle();
            for (Object answer : answers) {
                if (answer instanceof java.util.concurrent.CompletableFuture<?> f) f.get(60, TimeUnit.SECONDS);
            }
            // a request still queued during the first settle may have started the analysis that publishes
            session.settle();
            Map<String, PublishDiagnosticsParams> last = new HashMap<>();
            for (PublishDiagnosticsParams p; (p = session.diagnostics.poll()) != null; ) last.put(p.getUri(), p);
            for (String uri : List.of(systemUri, boardUri)) {
                PublishDiagnosticsParams got = last.get(uri);
                assertNotNull(got, () -> "nothing published for " + uri);
                PublishDiagnosticsParams fresh = freshCheck(uri, texts);
                assertEquals(fresh.getDiagnostics(), got.getDiagnostics(), () -> "published diagnostics of " + uri
                        + " differ from a fresh check of its final text:\n" + texts.get(uri));
            }
        } finally {
            docs.didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(systemUri)));
            docs.didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(boardUri)));
            session.settle();
            session.diagnostics.clear();
        }
    }

    /** The compiler run afresh on the final texts, with the server's own conversion to LSP. */
    private static PublishDiagnosticsParams freshCheck(String uri, Map<String, String> texts) throws IOException {
        Documents fresh = new Documents();
        texts.forEach((u, t) -> fresh.put(Positions.path(u), t));
        return Diagnostics.of(uri, new Analyzer(dir, fresh, BoardPath.bundled()).analysis(Positions.path(uri)));
    }

    /** One of the requests an editor makes while typing, at the op's position. */
    private static Object request(TextDocumentService docs, String uri, Op op, String text) {
        TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
        Position pos = op.position(text);
        return switch (op.length() % 13) {
            case 0 -> docs.hover(new HoverParams(doc, pos));
            case 1 -> docs.completion(new CompletionParams(doc, pos));
            case 2 -> docs.definition(new DefinitionParams(doc, pos));
            case 3 -> docs.references(new ReferenceParams(doc, pos, new ReferenceContext(true)));
            case 4 -> docs.documentHighlight(new DocumentHighlightParams(doc, pos));
            case 5 -> docs.documentSymbol(new DocumentSymbolParams(doc));
            case 6 -> docs.codeAction(new CodeActionParams(doc, new Range(pos, pos), new CodeActionContext(List.of())));
            case 7 -> docs.inlayHint(new InlayHintParams(doc, new Range(new Position(0, 0), pos)));
            case 8 -> docs.foldingRange(new FoldingRangeRequestParams(doc));
            case 9 -> docs.documentLink(new DocumentLinkParams(doc));
            case 10 -> docs.formatting(new DocumentFormattingParams(doc, new FormattingOptions(4, true)));
            case 11 -> docs.prepareRename(new PrepareRenameParams(doc, pos));
            default -> docs.rename(new RenameParams(doc, pos, "renamed"));
        };
    }
}
