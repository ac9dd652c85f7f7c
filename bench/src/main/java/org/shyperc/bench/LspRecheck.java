package org.shyperc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageClient;
import org.shyperc.cli.lsp.ShyLanguageServer;

/**
 * How long the language server takes from an edit to fresh diagnostics on a ~2,000-line
 * system (LargeSystem), with no debounce: each edit changes one region's size, then waits for
 * the diagnostics it causes. JMH-free on purpose: the quantity is a latency through the
 * server's own threads. `java -cp … org.shyperc.bench.LspRecheck [lines] [edits]`.
 */
public final class LspRecheck {
    private LspRecheck() { }

    /** Milliseconds per edit, in edit order; the first {@code warmup} edits are left out. */
    public static List<Double> run(int lines, int warmup, int edits) throws Exception {
        String text = sizedTo(lines);
        Path dir = Files.createTempDirectory("lsp-recheck");
        Path file = Files.writeString(dir.resolve("large.shy"), text);
        String uri = file.toUri().toString();
        BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
        ShyLanguageServer server = new ShyLanguageServer(dir, 0, () -> { });
        server.connect(new Client(published));
        server.initialize(new InitializeParams()).get();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "shy", 1, text)));
        published.take();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmup + edits; i++) {
            // Alternate one region's size so every edit is a real change with the same cost.
            String edited = text.replaceFirst("size 64 KiB", i % 2 == 0 ? "size 128 KiB" : "size 64 KiB");
            long start = System.nanoTime();
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, i + 2), List.of(new TextDocumentContentChangeEvent(edited))));
            PublishDiagnosticsParams p = published.poll(60, TimeUnit.SECONDS);
            if (p == null) throw new IllegalStateException("no diagnostics after edit " + i);
            if (i >= warmup) times.add((System.nanoTime() - start) / 1e6);
        }
        server.shutdown().get();
        return times;
    }

    /** LargeSystem text of about {@code lines} lines (the generator is sized by regions). */
    static String sizedTo(int lines) {
        int n = 10;
        while (LargeSystem.text(n).lines().count() < lines) n += 10;
        return LargeSystem.text(n);
    }

    static double percentile(List<Double> xs, double q) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.floor(q * s.size())));
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int edits = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<Double> t = run(lines, 200, edits);
        System.out.printf("re-check after an edit, %d-line system, %d warm edits: median %.2f ms, p90 %.2f ms, min %.2f ms%n",
                sizedTo(lines).lines().count(), edits, percentile(t, 0.5), percentile(t, 0.9), percentile(t, 0.0));
    }

    /** A client that only keeps what the server publishes (LspRecheckCpu uses it too). */
    record Client(BlockingQueue<PublishDiagnosticsParams> published) implements LanguageClient {
        @Override public void publishDiagnostics(PublishDiagnosticsParams p) { published.add(p); }
        @Override public void telemetryEvent(Object o) { }
        @Override public void showMessage(MessageParams p) { }
        @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
            return CompletableFuture.completedFuture(null);
        }
        @Override public void logMessage(MessageParams p) { }
    }
}
