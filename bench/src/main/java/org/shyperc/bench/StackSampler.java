package org.shyperc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the language server's request threads are while a request runs: every 5 ms, the top
 * frames of each runnable thread whose name starts with a prefix. {@link LspLatency} uses it with
 * {@code -Dlsp.latency.slow=MS} to print, for each request slower than that, the frames seen
 * while it ran, so a slow request can be told apart from a collector's pause (a pause shows no
 * samples: the sampler stops too) and from the request's own work. A diagnostic: taking the
 * stacks is a stop of its own, so figures taken with it are not the benchmark's.
 */
final class StackSampler {
    private final String prefix;
    private List<String> seen = new ArrayList<>();

    StackSampler(String prefix) {
        this.prefix = prefix;
        Thread t = new Thread(this::run, "stack-sampler");
        t.setDaemon(true);
        t.start();
    }

    /** The frames seen since the last call, each with how often it was seen, in name order. */
    synchronized Map<String, Integer> take() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String s : seen) counts.merge(s, 1, Integer::sum);
        seen = new ArrayList<>();
        return counts;
    }

    private void run() {
        while (true) {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                Thread.State state = e.getKey().getState();
                StackTraceElement[] st = e.getValue();
                if (!e.getKey().getName().startsWith(prefix) || st.length == 0 || state != Thread.State.RUNNABLE) continue;
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < Math.min(3, st.length); i++) {
                    b.append(i == 0 ? "" : " < ").append(st[i].getClassName().replace("org.shyperc.", ""))
                            .append('.').append(st[i].getMethodName()).append(':').append(st[i].getLineNumber());
                }
                synchronized (this) {
                    seen.add(b.toString());
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException x) {
                return;
            }
        }
    }
}
