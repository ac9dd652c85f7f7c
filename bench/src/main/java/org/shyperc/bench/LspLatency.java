package org.shyperc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.shyperc.cli.lsp.ShyLanguageServer;

/**
 * The language server with a large document open (LargeSystem, about 5 MB) beside a small
 * system: how long a small document's edit takes to bring its diagnostics, and how long hover,
 * completion and definition take, in the small document and in the large one, while the large
 * one is being edited (so its re-check runs the whole time). No debounce, so the figures are
 * the server's own work. JMH-free: the quantity is a latency through the server's threads.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.shyperc.bench.LspLatency [MB] [requests] [small edits]</pre>
 *
 * A request or edit that gets no answer in 10 s counts as 10 s. {@code -Dlsp.latency.slow=MS} also
 * prints where the request threads were during each request slower than MS ({@link StackSampler}).
 */
public final class LspLatency {
    static final String SMALL = """
            import board "qemu-virt"

            system small for qemu-virt {
                vm linux : linux management {
                    cpus [0]
                    memory @ 0x8000_0000 size 256 MiB
                    kernel "Image" @ 0x8008_0000
                    passthrough rtc
                       \s
                }
            }
            """;
    private static final long TIMEOUT_MS = 10_000;

    private LspLatency() { }

    public static void main(String[] args) throws Exception {
        double mb = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int smallEdits = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String big = sized((long) (mb * 1_000_000));
        Path dir = Files.createTempDirectory("lsp-latency");
        Path bigFile = Files.writeString(dir.resolve("large.shy"), big);
        Path smallFile = Files.writeString(dir.resolve("small.shy"), SMALL);
        String bigUri = bigFile.toUri().toString();
        String smallUri = smallFile.toUri().toString();
        Map<String, BlockingQueue<PublishDiagnosticsParams>> published = new ConcurrentHashMap<>();
        published.put(bigUri, new LinkedBlockingQueue<>());
        published.put(smallUri, new LinkedBlockingQueue<>());
        ShyLanguageServer server = new ShyLanguageServer(dir, 0, () -> { });
        server.connect(new Client(published));
        server.initialize(new InitializeParams()).get();
        TextDocumentService docs = server.getTextDocumentService();
        System.out.printf("large document: %.1f MB, %d lines; %s%n", big.length() / 1e6, big.lines().count(), load());

        long t = System.nanoTime();
        docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(bigUri, "shy", 1, big)));
        published.get(bigUri).poll(120, TimeUnit.SECONDS);
        System.out.printf("large document opened, first diagnostics: %.0f ms%n", ms(t));
        docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(smallUri, "shy", 1, SMALL)));
        published.get(smallUri).poll(60, TimeUnit.SECONDS);

        // 1. Edits of the small document, the large one open and quiet.
        List<Double> smallEdit = new ArrayList<>();
        for (int i = 0; i < smallEdits + 5; i++) {
            String text = SMALL.replace("256 MiB", i % 2 == 0 ? "128 MiB" : "256 MiB");
            published.get(smallUri).clear();
            long s = System.nanoTime();
            docs.didChange(change(smallUri, i + 2, text));
            PublishDiagnosticsParams p = published.get(smallUri).poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (i >= 5) smallEdit.add(p == null ? TIMEOUT_MS : ms(s));
        }
        print("small document: edit -> diagnostics (large one open)", smallEdit);
        // let what the edits started settle (the old server re-checked the large document each time)
        drain(published.get(bigUri), 2_000);

        // 2. Requests while the large document is edited again and again (its re-check always running).
        Thread editor = new Thread(() -> {
            int v = 100;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    docs.didChange(change(bigUri, v, big.replaceFirst("size 64 KiB", v % 2 == 0 ? "size 128 KiB" : "size 64 KiB")));
                    v++;
                    Thread.sleep(300);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "editor");
        editor.setDaemon(true);
        editor.start();
        Thread.sleep(500);
        TextDocumentIdentifier small = new TextDocumentIdentifier(smallUri);
        TextDocumentIdentifier large = new TextDocumentIdentifier(bigUri);
        Position onSize = at(SMALL, "size 256 MiB");
        Position onRtc = at(SMALL, "rtc");
        Position blank = new Position(at(SMALL, "passthrough rtc").getLine() + 1, 8);
        Position bigRegion = at(big, "size 64 KiB");
        Position bigDevice = new Position(at(big, "passthrough d1\n").getLine(), 17);
        List<Double> hover = new ArrayList<>();
        List<Double> completion = new ArrayList<>();
        List<Double> definition = new ArrayList<>();
        List<Double> bigHover = new ArrayList<>();
        List<Double> bigDefinition = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            hover.add(time("small hover", () -> docs.hover(new HoverParams(small, onSize))));
            completion.add(time("small completion", () -> docs.completion(new CompletionParams(small, blank))));
            definition.add(time("small definition", () -> docs.definition(new DefinitionParams(small, onRtc))));
            bigHover.add(time("large hover", () -> docs.hover(new HoverParams(large, bigRegion))));
            bigDefinition.add(time("large definition", () -> docs.definition(new DefinitionParams(large, bigDevice))));
        }
        editor.interrupt();
        editor.join();
        print("small document: hover (large one being edited)", hover);
        print("small document: completion", completion);
        print("small document: definition", definition);
        print("large document: hover (while it is being edited)", bigHover);
        print("large document: definition", bigDefinition);

        // 3. Edits of the large document itself: edit -> its diagnostics.
        drain(published.get(bigUri), 1_000);
        List<Double> bigEdit = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            published.get(bigUri).clear();
            long s = System.nanoTime();
            docs.didChange(change(bigUri, 10_000 + i, big.replaceFirst("size 64 KiB", i % 2 == 0 ? "size 128 KiB" : "size 64 KiB")));
            PublishDiagnosticsParams p = published.get(bigUri).poll(60, TimeUnit.SECONDS);
            if (i >= 1) bigEdit.add(p == null ? 60_000 : ms(s));
        }
        print("large document: edit -> diagnostics", bigEdit);
        System.out.println("peak heap: " + peakHeapMb() + " MB; " + load());
        server.shutdown().get();
        System.exit(0);
    }

    /** LargeSystem text of at least {@code chars} characters. */
    static String sized(long chars) {
        int n = (int) Math.max(10, chars / 150);
        String t = LargeSystem.text(n);
        while (t.length() < chars) t = LargeSystem.text(n += Math.max(10, n / 20));
        return t;
    }

    /** With {@code -Dlsp.latency.slow=MS}: the request threads' frames during each request slower than that. */
    private static final double SLOW = Double.parseDouble(System.getProperty("lsp.latency.slow", "0"));
    private static final StackSampler SAMPLER = SLOW > 0 ? new StackSampler("shyperc-lsp-request") : null;

    private static double time(String what, Supplier<CompletableFuture<?>> request) throws Exception {
        long s = System.nanoTime();
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        if (SAMPLER != null) SAMPLER.take();
        try {
            request.get().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return TIMEOUT_MS;
        }
        double took = ms(s);
        if (SAMPLER != null && took > SLOW) {
            // the JVM's uptime, as -Xlog's default decoration prints it, to line up with the collector's log
            System.out.printf("slow: %s at %.3f s took %.1f ms%n", what, uptime / 1000.0, took);
            SAMPLER.take().forEach((frames, n) -> System.out.printf("  %3dx %s%n", n, frames));
        }
        return took;
    }

    private static DidChangeTextDocumentParams change(String uri, int version, String text) {
        return new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(text)));
    }

    static Position at(String text, String needle) {
        int i = text.indexOf(needle);
        if (i < 0) throw new IllegalArgumentException(needle);
        int line = (int) text.substring(0, i).chars().filter(c -> c == '\n').count();
        return new Position(line, i - text.lastIndexOf('\n', i - 1) - 1);
    }

    private static void drain(BlockingQueue<?> q, long quietMillis) throws InterruptedException {
        while (q.poll(quietMillis, TimeUnit.MILLISECONDS) != null) { }
    }

    private static double ms(long start) { return (System.nanoTime() - start) / 1e6; }

    /**
     * Also the p99 of the second half of the samples: the first requests on the large document run its
     * text comparisons before the JIT has compiled them, which the whole run's p99 cannot tell from a
     * collection's pause.
     */
    private static void print(String what, List<Double> xs) {
        List<Double> late = xs.subList(xs.size() / 2, xs.size());
        System.out.printf("%-55s n=%d  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  second half p99 %8.1f ms%n", what,
                xs.size(), LspRecheck.percentile(xs, 0.5), LspRecheck.percentile(xs, 0.99),
                LspRecheck.percentile(xs, 1.0), LspRecheck.percentile(late, 0.99));
    }

    private static String load() throws java.io.IOException {
        String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return "load average " + l[0] + " " + l[1] + " " + l[2];
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) peak += pool.getPeakUsage().getUsed();
        }
        return peak / (1024 * 1024);
    }

    private record Client(Map<String, BlockingQueue<PublishDiagnosticsParams>> published) implements LanguageClient {
        @Override public void publishDiagnostics(PublishDiagnosticsParams p) {
            BlockingQueue<PublishDiagnosticsParams> q = published.get(p.getUri());
            if (q != null) q.add(p);
        }
        @Override public void telemetryEvent(Object o) { }
        @Override public void showMessage(MessageParams p) { }
        @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
            return CompletableFuture.completedFuture(null);
        }
        @Override public void logMessage(MessageParams p) { }
    }
}
