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
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.source.SourceFile;

/**
 * The front end on generated systems of growing size: parse alone, and parse + bind + place +
 * every check + lower (what `shyperc check` does after reading the file). Text is made once per
 * size, outside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class CheckBenchmark {
    @Param({"10", "100", "1000", "10000", "100000"})
    public int size;

    private SourceFile source;
    private Compiler compiler;

    @Setup
    public void generate() {
        source = SourceFile.of("large.shy", LargeSystem.text(size));
        compiler = new Compiler(Path.of("/bench"), Loader.Sources.DISK, Checks.ALL);
    }

    @Benchmark
    public ShyFile parse() {
        return DslParser.parse(source).value();
    }

    @Benchmark
    public Compilation parseAndCheck() {
        return compiler.compileSource(source);
    }
}
