package org.shyperc.compiler.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;

/** Every case of the diagnostics corpus gives the same diagnostics, whole, with its VMs bound and its checks run in parallel. */
class ParallelCorpusTest {
    private static final Compiler SERIAL = new Compiler(DiagnosticsCorpusTest.ROOT, Loader.Sources.DISK, Checks.ALL)
            .withParallelFrom(Integer.MAX_VALUE);

    static java.util.stream.Stream<String> cases() throws java.io.IOException { return DiagnosticsCorpusTest.cases(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parallelWavesFindTheSame(String name) {
        var input = List.of(DiagnosticsCorpusTest.CORPUS.resolve(name + ".shy"));
        Compilation serial = SERIAL.compile(input);
        Compilation parallel = SERIAL.withParallelFrom(0).compile(input);
        assertEquals(DiagnosticsCorpusTest.renderFull(serial), DiagnosticsCorpusTest.renderFull(parallel));
        assertEquals(serial.instances().stream().map(Compilation.Placed::plan).toList(),
                parallel.instances().stream().map(Compilation.Placed::plan).toList());
    }
}
