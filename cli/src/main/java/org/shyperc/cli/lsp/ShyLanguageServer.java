package org.shyperc.cli.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DocumentLinkOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.shyperc.cli.Version;
import org.shyperc.compiler.bind.BoardPath;

/** `shyperc lsp`: lifecycle and capabilities; the work is in {@link ShyTextDocumentService}. */
public final class ShyLanguageServer implements LanguageServer, LanguageClientAware {
    private final Documents documents = new Documents();
    private final ShyTextDocumentService text;
    private final ShyWorkspaceService workspace;
    private final Runnable onExit;
    private volatile boolean shutdown;

    /** {@code debounceMillis}: quiet time after an edit before diagnostics are recomputed. */
    public ShyLanguageServer(Path base, long debounceMillis, Runnable onExit) {
        this(base, BoardPath.bundled(), debounceMillis, onExit);
    }

    /** {@code boards}: where `import board "NAME"` looks. */
    public ShyLanguageServer(Path base, BoardPath boards, long debounceMillis, Runnable onExit) {
        this.text = new ShyTextDocumentService(documents, new Analyzer(base, documents, boards), debounceMillis);
        this.workspace = new ShyWorkspaceService(text);
        this.onExit = onExit;
    }

    @Override
    @SuppressWarnings("deprecation") // rootUri: older clients (Neovim 0.7) send no workspace folders
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        String root = params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()
                ? params.getWorkspaceFolders().get(0).getUri() : params.getRootUri();
        if (root != null && Positions.isFile(root)) text.base(Positions.path(root));
        ServerCapabilities caps = new ServerCapabilities();
        caps.setTextDocumentSync(TextDocumentSyncKind.Full);
        caps.setHoverProvider(true);
        caps.setDefinitionProvider(true);
        caps.setDocumentSymbolProvider(true);
        caps.setReferencesProvider(true);
        caps.setDocumentHighlightProvider(true);
        caps.setCodeActionProvider(true);
        caps.setInlayHintProvider(true);
        caps.setFoldingRangeProvider(true);
        caps.setDocumentLinkProvider(new DocumentLinkOptions(false));
        caps.setDocumentFormattingProvider(true);
        caps.setRenameProvider(Either.forRight(new RenameOptions(true)));
        // `"` so `import board "` lists the boards
        caps.setCompletionProvider(new CompletionOptions(false, List.of(" ", "@", "\"")));
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("shyperc", Version.get())));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        text.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        text.close();
        onExit.run();
    }

    public boolean isShutdown() { return shutdown; }

    /** The analyses behind the answers (tests, the benchmark). */
    Analyzer analyzer() { return text.analyzer(); }

    @Override
    public TextDocumentService getTextDocumentService() { return text; }

    @Override
    public WorkspaceService getWorkspaceService() { return workspace; }

    @Override
    public void connect(LanguageClient client) { text.connect(client); }
}
