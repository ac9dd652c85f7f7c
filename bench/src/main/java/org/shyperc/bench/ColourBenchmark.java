package org.shyperc.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.source.SourceFile;

/**
 * Cache colouring: planning (parse, bind, colour picking and placement, every check, lowering) of a
 * system with 4 GiB of coloured RAM, against the same system uncoloured. {@link #text} makes it:
 * 8 VMs of 512 MiB on a board of 8 GiB whose LLC has 64 colours, each VM in 8 colours (a share for
 * every other VM), its RAM in {@code regions} regions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ColourBenchmark {
    @Param({"1", "64"})
    public int regions;

    @Param({"true", "false"})
    public boolean coloured;

    private SourceFile source;
    private Compiler compiler;

    @Setup
    public void generate() {
        source = SourceFile.of("coloured.shy", text(regions, coloured));
        compiler = new Compiler(Path.of("/bench"), Loader.Sources.DISK, Checks.ALL);
        Compilation c = compiler.compileSource(source);
        if (c.hasErrors()) throw new IllegalStateException("the generated system has errors: " + c.diagnostics());
    }

    @Benchmark
    public Compilation plan() {
        return compiler.compileSource(source);
    }

    /**
     * Thread CPU time, less disturbed by other processes than wall time: the median of 15 runs after 15 warm-up runs, per
     * configuration ({@code java -cp bench/target/benchmarks.jar org.shyperc.bench.ColourBenchmark}).
     */
    public static void main(String[] args) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Compiler compiler = new Compiler(Path.of("/bench"), Loader.Sources.DISK, Checks.ALL);
        System.out.println("| regions | coloured | thread CPU median (ms) | wall median (ms) |");
        System.out.println("|---|---|---|---|");
        for (int regions : new int[] {1, 64}) {
            for (boolean coloured : new boolean[] {true, false}) {
                SourceFile src = SourceFile.of("coloured.shy", text(regions, coloured));
                long[] cpu = new long[15];
                long[] wall = new long[15];
                for (int i = 0; i < 30; i++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    Compilation c = compiler.compileSource(src);
                    if (c.hasErrors()) throw new IllegalStateException(c.diagnostics().toString());
                    if (i >= 15) {
                        cpu[i - 15] = mx.getCurrentThreadCpuTime() - c0;
                        wall[i - 15] = System.nanoTime() - w0;
                    }
                }
                java.util.Arrays.sort(cpu);
                java.util.Arrays.sort(wall);
                System.out.printf("| %d | %s | %.1f | %.1f |%n", regions, coloured, cpu[7] / 1e6, wall[7] / 1e6);
            }
        }
    }

    /** The board and system: 8 VMs, 512 MiB each in {@code regions} regions, coloured or not. */
    public static String text(int regions, boolean coloured) {
        StringBuilder b = new StringBuilder();
        b.append("""
                board big {
                    arch aarch64
                    cpus 8 "arm,cortex-a76"
                    memory dram @ 0x4000_0000 size 8 GiB
                    gic v2 {
                        distributor           @ 0x0800_0000 size 64 KiB
                        cpu-interface         @ 0x0801_0000 size 64 KiB
                        hyp-interface         @ 0x0803_0000 size 64 KiB
                        virtual-cpu-interface @ 0x0804_0000 size 64 KiB
                        maintenance-irq 25
                        lines 288
                    }
                    device uart0 "arm,pl011" @ 0x0900_0000 size 4 KiB irq 33
                    hypervisor {
                        reserve @ 0x4000_0000 size 128 MiB
                        console uart0
                        llc-size 3 MiB
                        llc-ways 12
                        llc-line 64
                    }
                }
                system s for big {
                """);
        long each = (512L << 20) / regions;
        for (int v = 0; v < 8; v++) {
            b.append("    vm v").append(v).append(" : baremetal {\n        cpus [").append(v).append("]\n");
            for (int r = 0; r < regions; r++) {
                b.append("        memory @ 0x").append(Long.toHexString(0x4000_0000L + r * each)).append(" size 0x")
                        .append(Long.toHexString(each)).append('\n');
            }
            b.append("        kernel \"k.bin\" @ 0x4000_0000\n");
            if (coloured) {
                b.append(v % 2 == 0 ? "        colours [" + (v * 8) + ".." + (v * 8 + 7) + "]\n" : "        colours 8\n");
            }
            b.append("    }\n");
        }
        return b.append("}\n").toString();
    }
}
