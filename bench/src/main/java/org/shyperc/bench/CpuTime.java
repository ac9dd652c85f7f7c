package org.shyperc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.source.SourceFile;

/**
 * A companion to the JMH run for busy machines: parse + check of each generated size, the
 * median wall time next to the CPU time of the compiling thread and of the whole process (GC and
 * JIT threads included), which other processes on the machine disturb far less than wall time.
 * Also the collectors' time per round (their pauses, with the serial collector the launcher
 * uses) and the heap: its peak use over the timed rounds (garbage included: what the collector
 * had to make room for), what one compilation keeps alive (heap in use after a full
 * collection with the result held, less without) and what it allocates (the bytes of every thread,
 * the checks' workers included: the collectors' work follows from it, and no other process on the
 * machine changes it). The thread CPU is the compiling thread's alone; the process CPU has the workers'.
 * Medians, and the mean of the wall and collection times (a collection every few rounds is in the mean only).
 * Run: {@code java -cp bench/target/benchmarks.jar org.shyperc.bench.CpuTime [ROUNDS [SIZE...]]}.
 */
public final class CpuTime {
    private CpuTime() { }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {10, 100, 1_000, 10_000, 100_000};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Compiler compiler = new Compiler(Path.of("/bench"), Loader.Sources.DISK, Checks.ALL);
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        System.out.printf("%8s %12s %14s %15s %10s %14s %12s %12s %8s %10s %8s%n", "size", "wall ms", "thread cpu ms", "process cpu ms",
                "gc ms", "peak heap MB", "retained MB", "alloc MB", "errors",
                "wall mean", "gc mean");
        for (int n : sizes) {
            SourceFile source = SourceFile.of("large.shy", LargeSystem.text(n));
            double[] wall = new double[rounds];
            double[] cpu = new double[rounds];
            double[] proc = new double[rounds];
            double[] gc = new double[rounds];
            double[] allocated = new double[rounds];
            boolean errors = false;
            for (int r = 0; r < rounds * 2; r++) { // the first half warms up
                if (r == rounds) resetPeaks();
                long w0 = System.nanoTime();
                long c0 = mx.getCurrentThreadCpuTime();
                long p0 = os.getProcessCpuTime();
                long g0 = gcMillis();
                long a0 = allocatedByAll(alloc);
                Compilation c = compiler.compileSource(source);
                long a1 = allocatedByAll(alloc);
                long p1 = os.getProcessCpuTime();
                long g1 = gcMillis();
                long c1 = mx.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                errors |= c.hasErrors();
                if (r >= rounds) {
                    wall[r - rounds] = (w1 - w0) / 1e6;
                    cpu[r - rounds] = (c1 - c0) / 1e6;
                    proc[r - rounds] = (p1 - p0) / 1e6;
                    gc[r - rounds] = g1 - g0;
                    allocated[r - rounds] = (a1 - a0) / 1048576.0;
                }
            }
            long peak = peakHeap();
            long before = usedAfterGc();
            Compilation held = compiler.compileSource(source);
            long retained = usedAfterGc() - before;
            errors |= held.hasErrors();
            System.out.printf("%8d %12.3f %14.3f %15.3f %10.0f %14d %12d %12.0f %8b %10.1f %8.1f%n", n, median(wall), median(cpu),
                    median(proc), median(gc), peak >> 20, retained >> 20, median(allocated), errors, mean(wall), mean(gc));
        }
    }

    /**
     * Bytes allocated so far by every live thread: a large system's checks run partly on the common
     * pool's workers (CheckRunner), which outlive a round, so none of a round's allocation is lost.
     */
    private static long allocatedByAll(com.sun.management.ThreadMXBean mx) {
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) sum += Math.max(0, b);
        return sum;
    }

    /** Time the collectors report spent in collections so far (pauses, for the serial collector). */
    private static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, gc.getCollectionTime());
        return sum;
    }

    private static void resetPeaks() {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    /** The sum of the heap pools' peaks: an upper bound on the peak heap, as the pools need not peak together. */
    private static long peakHeap() {
        long sum = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The mean next to the median: a collection that comes once in a few rounds shows here, not in the median. */
    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
