package org.shyperc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/** Checks run on two threads find exactly what they find one after the other, in the same order. */
class ParallelChecksTest {
    static final Path ROOT = TargetCheckTest.ROOT;

    static List<Diagnostic> run(Instance in, Compilation c, int parallelFrom) {
        return run(Checks.ALL, in, c, parallelFrom);
    }

    static List<Diagnostic> run(List<Check> checks, Instance in, Compilation c, int parallelFrom) {
        CheckRunner runner = new CheckRunner(checks, UnaryOperator.identity(), parallelFrom);
        return runner.runInstance(in, new Failures(c.program().unreadable()).forInstance(in));
    }

    /** Every case of the diagnostics corpus: many of them fail a check another check names as a prerequisite. */
    @Test
    void theCorpusFindsTheSameOnTwoThreads() throws IOException {
        Path corpus = ROOT.resolve("tests/diagnostics");
        List<Path> cases;
        try (Stream<Path> all = Files.walk(corpus)) {
            cases = all.filter(p -> p.toString().endsWith(".shy") && Files.isRegularFile(p)
                    && !corpus.relativize(p).toString().contains("_")).sorted().toList();
        }
        int instances = 0;
        int findings = 0;
        for (Path p : cases) {
            Compilation c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compile(List.of(p));
            for (Compilation.Placed placed : c.instances()) {
                List<Diagnostic> one = run(placed.instance(), c, Integer.MAX_VALUE);
                List<Diagnostic> two = run(placed.instance(), c, 0);
                assertEquals(one, two, p.toString());
                instances++;
                findings += one.size();
            }
        }
        assertTrue(instances > 100 && findings > 100, instances + " instances, " + findings + " findings");
    }

    /** The first check fails the system's span; the second, which names it as a prerequisite, says whether it saw that. */
    static final class Failing implements Check {
        @Override public Code code() { return Codes.PA_OVERLAP; }
        @Override public void checkInstance(Instance in, Reporter out) { out.report(in.systemSpan(), "failed"); }
    }

    static final class Looking implements Check {
        @Override public Code code() { return Codes.IPA_OVERLAP; }
        @Override public List<Code> prerequisites() { return List.of(Codes.PA_OVERLAP); }
        @Override public void checkInstance(Instance in, Reporter out) {
            SourceSpan elsewhere = in.vms().get(0).span();
            out.report(elsewhere, out.skips(in.systemSpan()) ? "saw the failure" : "did not see it");
        }
    }

    static final class Throwing implements Check {
        @Override public Code code() { return Codes.IPA_OVERLAP; }
        @Override public void checkInstance(Instance in, Reporter out) { throw new IllegalStateException("boom"); }
    }

    @Test
    void aCheckWhosePrerequisiteFailedIsRunAgainAfterIt() {
        Instance in = TargetCheckTest.instance();
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, List.of()).compileSource(
                org.shyperc.dsl.source.SourceFile.of("s.shy", "import \"tests/diagnostics/_lib/board.shy\"\n"));
        List<Check> checks = List.of(new Failing(), new Looking());
        List<String> one = new ArrayList<>();
        for (Diagnostic d : run(checks, in, c, Integer.MAX_VALUE)) one.add(d.message());
        List<String> two = new ArrayList<>();
        for (Diagnostic d : run(checks, in, c, 0)) two.add(d.message());
        assertEquals(List.of("failed", "saw the failure"), one);
        assertEquals(one, two);
    }

    @Test
    void aCheckThatThrowsThrowsInTheCallersThread() {
        Instance in = TargetCheckTest.instance();
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, List.of()).compileSource(
                org.shyperc.dsl.source.SourceFile.of("s.shy", "import \"tests/diagnostics/_lib/board.shy\"\n"));
        List<Check> checks = List.of(new Failing(), new Throwing(), new Looking());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(checks, in, c, 0));
        assertEquals("boom", e.getMessage());
    }
}
