package org.shyperc.cli.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.format.Formatter;
import org.shyperc.dsl.source.SourceFile;

/**
 * Open documents: their text, debounced diagnostics after each change, and the requests an
 * editor makes. A change re-checks only the open documents that read the changed file (see
 * {@link Analyzer}); requests are answered on threads of their own, never behind an analysis
 * of another document.
 */
final class ShyTextDocumentService implements TextDocumentService {
    private static final String NAME = "[a-zA-Z_][a-zA-Z0-9_\\-]*";

    private final Documents documents;
    private final Analyzer analyzer;
    private final long debounceMillis;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "shyperc-lsp-diagnostics");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService requests = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shyperc-lsp-request");
        t.setDaemon(true);
        return t;
    });
    private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    /** The client's spelling of each open file's URI: diagnostics go back under it. */
    private final Map<Path, String> uris = new ConcurrentHashMap<>();
    private volatile LanguageClient client;
    private volatile boolean closed;

    ShyTextDocumentService(Documents documents, Analyzer analyzer, long debounceMillis) {
        this.documents = documents;
        this.analyzer = analyzer;
        this.debounceMillis = debounceMillis;
        // On shutdown, drop waiting re-checks; running ones finish but publish nothing.
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        analyzer.onCurrent(this::publish);
    }

    void connect(LanguageClient c) { this.client = c; }

    void base(Path base) { analyzer.base(base); }

    void close() {
        closed = true;
        timer.shutdown();
        requests.shutdown();
        analyzer.close();
    }

    Analyzer analyzer() { return analyzer; }

    /**
     * Returns once every re-check scheduled before the call has run and published: the timer has
     * one thread and runs tasks due at the same time in the order they were scheduled. For tests
     * that compare the diagnostics published last with a fresh check.
     */
    void awaitScheduled() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException,
            InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        timer.schedule(() -> { }, debounceMillis, TimeUnit.MILLISECONDS).get(60, TimeUnit.SECONDS);
        // the timer only starts the analyses; they compute and publish on the analyzer's pool
        while (!analyzer.idle()) {
            if (System.nanoTime() > until) throw new java.util.concurrent.TimeoutException("analyses still running");
            Thread.sleep(5);
        }
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        if (!Positions.isFile(uri)) return; // unsaved "untitled:" buffers have no folder to resolve imports in
        Path path = Positions.path(uri);
        documents.put(path, params.getTextDocument().getText(), params.getTextDocument().getVersion());
        uris.put(path, uri);
        // documents that read this file from disk now read the buffer
        for (Path d : analyzer.dependents(path)) schedule(d, d.equals(path) ? 0 : debounceMillis);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        if (!Positions.isFile(uri)) return;
        Path path = Positions.path(uri);
        // The server asks for full sync, so a change is the whole text; a client that sends ranges anyway gets them
        // applied in order (they were taken for the whole text, and a document became its last edit)
        String text = Edits.apply(documents.text(path), params.getContentChanges());
        if (text == null) return; // ranges for a document that was never opened: nothing to apply them to
        documents.put(path, text, params.getTextDocument().getVersion());
        // This document, and the open documents that import it (a board under edit).
        for (Path d : analyzer.dependents(path)) schedule(d, debounceMillis);
        prepare(path);
    }

    /**
     * A large document answers requests from its last analysis while the new one runs (see
     * {@link Analyzer#forRequest}): its new text's edit since that analysis, and its lines, are
     * found now, on a request thread, so that requests find them (or wait for this one finding
     * them) instead of each finding them again.
     */
    private void prepare(Path path) {
        Documents.Buffer now = documents.buffer(path);
        if (now == null || now.text().length() <= Analyzer.LARGE) return;
        try {
            requests.execute(() -> {
                Analysis last = analyzer.last(path);
                if (last != null && last.root() != null && last.text() != now.text()) now.since(last.source());
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down: no request will come
        }
    }

    /** Files changed on disk: the documents that read them are re-checked. */
    void filesChanged(List<FileEvent> changes) {
        boolean unnamed = false;
        java.util.Set<Path> affected = new java.util.LinkedHashSet<>();
        for (FileEvent e : changes) {
            // A new file may be a board that `import board` did not find before: it looked for it
            // by name, not through a file it read. Re-check everything then.
            if (!Positions.isFile(e.getUri()) || e.getType() == FileChangeType.Created) {
                unnamed = true;
                continue;
            }
            Path p = Positions.path(e.getUri());
            documents.touch(p);
            affected.addAll(analyzer.dependents(p));
        }
        if (unnamed || changes.isEmpty()) {
            documents.touch();
            affected.addAll(uris.keySet());
        }
        for (Path d : affected) schedule(d, 0);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        if (!Positions.isFile(uri)) return;
        Path path = Positions.path(uri);
        ScheduledFuture<?> p = pending.remove(path);
        if (p != null) p.cancel(false);
        documents.remove(path);
        analyzer.forget(path);
        uris.remove(path);
        // documents that imported the buffer now read the file on disk again
        for (Path d : analyzer.dependents(path)) schedule(d, 0);
        if (client != null) client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        if (Positions.isFile(params.getTextDocument().getUri())) schedule(Positions.path(params.getTextDocument().getUri()), 0);
    }

    /**
     * Diagnostics after {@code delay} ms of quiet; a newer edit replaces a pending run, and an
     * analysis already running for the document is superseded at once.
     */
    private void schedule(Path path, long delay) {
        if (timer.isShutdown()) return; // after `shutdown` the client expects nothing more
        analyzer.supersede(path);
        ScheduledFuture<?> next = timer.schedule(() -> {
            if (documents.isOpen(path)) analyzer.refresh(path);
        }, delay, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> old = pending.put(path, next);
        if (old != null) old.cancel(false);
    }

    /** Diagnostics of an analysis that was current when it completed. */
    private void publish(Path path, Analysis a) {
        String uri = uris.get(path);
        LanguageClient c = client;
        if (closed || uri == null || c == null || !documents.isOpen(path)) return;
        PublishDiagnosticsParams p = Diagnostics.of(uri, a);
        p.setVersion(a.version());
        c.publishDiagnostics(p);
    }

    /**
     * Runs a request on the analysis {@link Analyzer#forRequest} picks; null when it has no AST.
     * The position is the client's, in the text as it is now; when the analysis read an older
     * text (a large document answering from its last analysis), it is moved past the edit.
     */
    private <T> CompletableFuture<T> on(String uri, Position pos, BiFunction<Analysis, Integer, T> request) {
        return CompletableFuture.supplyAsync(() -> {
            if (!Positions.isFile(uri)) return null;
            Path path = Positions.path(uri);
            Analysis a = analyzer.forRequest(path);
            if (a.root() == null) return null;
            if (pos == null) return request.apply(a, 0);
            Documents.Buffer now = documents.buffer(path);
            if (now == null || now.text() == a.text()) return request.apply(a, Positions.offset(a.source(), pos));
            // the buffer's edit since the analysis's text, and its lines: made once, for every request
            Shift shift = now.since(a.source());
            if (shift.none()) return request.apply(a, Positions.offset(a.source(), pos));
            return request.apply(a, shift.before(shift.offset(pos)));
        }, requests);
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return on(params.getTextDocument().getUri(), params.getPosition(), Hovers::at);
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return on(params.getTextDocument().getUri(), params.getPosition(),
                (a, offset) -> Either.forLeft(Navigation.definition(a, offset)));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return on(params.getTextDocument().getUri(), params.getPosition(),
                (a, offset) -> Either.forLeft(Completions.at(a, offset)));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return on(params.getTextDocument().getUri(), null, (a, offset) -> Outline.of(a.root()));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        return on(params.getTextDocument().getUri(), params.getPosition(), Navigation::references);
    }

    @Override
    public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(DocumentHighlightParams params) {
        return on(params.getTextDocument().getUri(), params.getPosition(), Navigation::highlights);
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        String uri = params.getTextDocument().getUri();
        return on(uri, null, (a, offset) -> QuickFixes.at(a, uri, params.getRange()));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return on(params.getTextDocument().getUri(), null, (a, offset) -> Annotations.placedAddresses(a));
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return on(params.getTextDocument().getUri(), null, (a, offset) -> Annotations.folds(a.root()));
    }

    @Override
    public CompletableFuture<List<DocumentLink>> documentLink(DocumentLinkParams params) {
        return on(params.getTextDocument().getUri(), null, (a, offset) -> Annotations.imports(a));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFuture.supplyAsync(() -> {
            if (!Positions.isFile(uri)) return List.of();
            Path path = Positions.path(uri);
            String text = documents.text(path);
            if (text == null) return List.of();
            SourceFile file = new SourceFile(uri, path, text);
            Result<String> formatted = Formatter.format(file);
            // Text with syntax errors is left alone; the diagnostics already say why.
            if (formatted.value() == null || formatted.value().equals(text)) return List.of();
            return List.of(new TextEdit(Positions.whole(file), formatted.value()));
        }, requests);
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return on(params.getTextDocument().getUri(), params.getPosition(), (a, offset) -> {
            Range r = Navigation.renameRange(a, offset);
            return r == null ? null : Either3.forFirst(r);
        });
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        if (!params.getNewName().matches(NAME)) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "`" + params.getNewName() + "` is not a name: use letters, digits, `_` and `-`, not starting with a digit.", null));
        }
        return on(params.getTextDocument().getUri(), params.getPosition(),
                (a, offset) -> Navigation.rename(a, offset, params.getNewName()));
    }
}
