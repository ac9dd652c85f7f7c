package org.shyperc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.source.SourceFile;

/**
 * The parse alone of a generated system ({@link LargeSystem}): median and fastest wall time of the
 * timed rounds, and the calling thread's CPU time (a file parsed in parts has the other parts' work on
 * pool threads). Run: {@code java -cp bench/target/benchmarks.jar org.shyperc.bench.ParseTime [SIZE [ROUNDS]]}.
 */
public final class ParseTime {
    private ParseTime() { }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        SourceFile file = SourceFile.of("large.shy", LargeSystem.text(n));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        for (int r = 0; r < rounds * 2; r++) { // the first half warms up
            long w0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            Result<ShyFile> parsed = DslParser.parse(file);
            long c1 = mx.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            if (!parsed.diagnostics().isEmpty()) throw new IllegalStateException("the generated file does not parse cleanly");
            if (r >= rounds) {
                wall[r - rounds] = (w1 - w0) / 1e6;
                cpu[r - rounds] = (c1 - c0) / 1e6;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("parse of %d elements (%d characters): wall median %.1f ms (fastest %.1f), calling thread's CPU median %.1f ms%n",
                n, file.text().length(), wall[rounds / 2], wall[0], cpu[rounds / 2]);
    }
}
