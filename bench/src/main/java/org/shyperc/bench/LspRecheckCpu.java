package org.shyperc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.shyperc.cli.lsp.ShyLanguageServer;

/**
 * The edits of {@link LspRecheck}, with what each cost the server's threads: CPU and bytes
 * allocated by thread (analysis, request, ...) and the collector's time, per edit. On a
 * shared two-core machine wall time moves by 2x between runs of the same jar; the bytes
 * allocated do not move at all, and the CPU far less. Uses only the server's public API, so
 * it runs against an older server's jar too (this class first on the class path).
 * `java -cp … org.shyperc.bench.LspRecheckCpu [LargeSystem size] [warm edits] [edits]`.
 */
public final class LspRecheckCpu {
    private LspRecheckCpu() { }

    /** CPU (ns) and allocated bytes ("MB:" + group) by thread group, and the collectors' ms ("gcMs"). */
    static Map<String, Long> costs() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Long> m = new TreeMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) continue;
            String n = ti.getThreadName();
            String g = n.startsWith("shyperc-lsp-") ? n.substring("shyperc-lsp-".length()) : n.equals("main") ? "main" : "other";
            long c = mx.getThreadCpuTime(ti.getThreadId());
            if (c > 0) m.merge(g, c, Long::sum);
            long al = mx.getThreadAllocatedBytes(ti.getThreadId());
            if (al > 0) m.merge("MB:" + g, al, Long::sum);
        }
        long gc = 0;
        for (var b : ManagementFactory.getGarbageCollectorMXBeans()) gc += b.getCollectionTime();
        m.put("gcMs", gc);
        return m;
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 34810; // 133,018 lines, LspRecheck 133000's document
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int edits = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String text = LargeSystem.text(size);
        Path dir = Files.createTempDirectory("lsp-recheck-cpu");
        String uri = Files.writeString(dir.resolve("large.shy"), text).toUri().toString();
        BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
        ShyLanguageServer server = new ShyLanguageServer(dir, 0, () -> { });
        server.connect(new LspRecheck.Client(published));
        server.initialize(new InitializeParams()).get();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "shy", 1, text)));
        published.take();
        List<Double> wall = new ArrayList<>();
        List<Double> analysisCpu = new ArrayList<>();
        Map<String, Double> sum = new TreeMap<>();
        for (int i = 0; i < warm + edits; i++) {
            String edited = text.replaceFirst("size 64 KiB", i % 2 == 0 ? "size 128 KiB" : "size 64 KiB"); // as LspRecheck
            Map<String, Long> before = costs();
            long start = System.nanoTime();
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, i + 2), List.of(new TextDocumentContentChangeEvent(edited))));
            if (published.poll(60, TimeUnit.SECONDS) == null) throw new IllegalStateException("no diagnostics after edit " + i);
            double ms = (System.nanoTime() - start) / 1e6;
            Map<String, Long> after = costs();
            if (i < warm) continue;
            wall.add(ms);
            analysisCpu.add((after.getOrDefault("analysis", 0L) - before.getOrDefault("analysis", 0L)) / 1e6);
            for (var e : after.entrySet()) {
                double d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                sum.merge(e.getKey(), e.getKey().equals("gcMs") ? d : e.getKey().startsWith("MB:") ? d / (1 << 20) : d / 1e6, Double::sum);
            }
        }
        server.shutdown().get();
        Collections.sort(wall);
        Collections.sort(analysisCpu);
        StringBuilder out = new StringBuilder(String.format("%d chars, %d edits: wall median %.1f ms; analysis CPU median %.1f ms; per edit (mean):",
                text.length(), edits, wall.get(edits / 2), analysisCpu.get(edits / 2)));
        // work after the diagnostics went out (a thread still busy when the next edit came) is counted with that edit
        sum.forEach((k, v) -> out.append(String.format(" %s %.1f", k.startsWith("MB:") ? k.substring(3) + " MB" : k.equals("gcMs") ? "GC ms" : k + " CPU ms", v / edits)));
        System.out.println(out);
        System.exit(0);
    }
}
