package org.shyperc.cli.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.shyperc.compiler.bind.BoardPath;

/**
 * A real LSP conversation in one process: the server and LSP4J's client side talk JSON-RPC
 * over a pair of pipes, exactly as over stdio. Diagnostics the server publishes queue up here.
 */
final class LspSession implements AutoCloseable {
    final LanguageServer server;
    /** The client's end as JSON-RPC, for messages LSP4J's typed classes would refuse to make (MalformedMessagesTest). */
    final org.eclipse.lsp4j.jsonrpc.RemoteEndpoint raw;
    final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    private final ShyLanguageServer impl;

    LspSession(Path base, long debounceMillis) throws Exception {
        this(base, debounceMillis, null);
    }

    /** {@code root}: the workspace folder the client announces, or null for none. */
    LspSession(Path base, long debounceMillis, Path root) throws Exception {
        this(base, debounceMillis, root, BoardPath.bundled());
    }

    /** {@code boards}: the server's board path (as `--board-path` and SHYPERC_BOARD_PATH make it). */
    LspSession(Path base, long debounceMillis, Path root, BoardPath boards) throws Exception {
        // NIO pipes, not java.io's Piped streams: those fail once a writing thread has ended.
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        InputStream serverIn = Channels.newInputStream(toServer.source());
        OutputStream clientOut = Channels.newOutputStream(toServer.sink());
        InputStream clientIn = Channels.newInputStream(toClient.source());
        OutputStream serverOut = Channels.newOutputStream(toClient.sink());
        impl = new ShyLanguageServer(base, boards, debounceMillis, () -> { });
        Launcher<LanguageClient> serverSide = ServerLauncher.create(impl, serverIn, serverOut);
        impl.connect(serverSide.getRemoteProxy());
        serverSide.startListening();
        Launcher<LanguageServer> clientSide = LSPLauncher.createClientLauncher(new Client(), clientIn, clientOut);
        clientSide.startListening();
        server = clientSide.getRemoteProxy();
        raw = clientSide.getRemoteEndpoint();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        if (root != null) init.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "root")));
        server.initialize(init).get(10, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
    }

    Analyzer analyzer() { return impl.analyzer(); }

    String open(Path file) throws IOException {
        String uri = file.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "shy", 1, Files.readString(file))));
        return uri;
    }

    /**
     * Returns once the server has handled every message sent so far, run every re-check that
     * scheduled, and the client has received what those published: a request answered means the
     * server read everything before it (LSP4J handles messages in order), and the same for the
     * client after the re-checks ran.
     */
    void settle() throws Exception {
        roundTrip();
        ((ShyTextDocumentService) impl.getTextDocumentService()).awaitScheduled();
        roundTrip();
    }

    private void roundTrip() throws Exception {
        server.getTextDocumentService().documentSymbol(new org.eclipse.lsp4j.DocumentSymbolParams(
                new org.eclipse.lsp4j.TextDocumentIdentifier("untitled:settle"))).get(60, TimeUnit.SECONDS);
    }

    /** The next diagnostics published for {@code uri}, waiting at most ten seconds. */
    PublishDiagnosticsParams nextDiagnostics(String uri) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams p = diagnostics.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && p.getUri().equals(uri)) return p;
        }
        throw new AssertionError("no diagnostics for " + uri + " within 10 s");
    }

    @Override
    public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        server.exit();
    }

    private final class Client implements LanguageClient {
        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) { diagnostics.add(params); }

        @Override
        public void telemetryEvent(Object object) { }

        @Override
        public void showMessage(MessageParams params) { }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) { }
    }

    static List<String> lines(String text) { return text.lines().toList(); }
}
