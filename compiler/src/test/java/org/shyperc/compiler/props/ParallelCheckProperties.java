package org.shyperc.compiler.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.Gens;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;

/**
 * Binding a system's VMs and running its checks wave by wave in parallel finds exactly what doing them one by one
 * finds, on systems broken in up to three ways at once (so prerequisites fail and items are left out).
 */
class ParallelCheckProperties {
    private static final Compiler SERIAL = new Compiler(Path.of("/gen"), Loader.Sources.DISK, Checks.ALL)
            .withParallelFrom(Integer.MAX_VALUE);
    private static final Compiler PARALLEL = SERIAL.withParallelFrom(0);

    static final Gen<String> BROKEN = Gens.fromRandom(ParallelCheckProperties::broken).describedAs(t -> t);

    /** A valid system with up to three random mutations. */
    static String broken(Random r) {
        SystemSpec spec = Systems.generate(r, 3);
        int mutations = r.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            Mutation.values()[r.nextInt(Mutation.values().length)].apply(spec, new Random(r.nextLong()));
        }
        return spec.text();
    }

    @Test
    void parallelChecksFindWhatSerialChecksFind() {
        Gens.qt(300).withShrinkCycles(100).forAll(BROKEN).checkAssert(text -> {
            Compilation serial = SERIAL.compileSource(SourceFile.of("gen.shy", text));
            Compilation parallel = PARALLEL.compileSource(SourceFile.of("gen.shy", text));
            assertEquals(render(serial), render(parallel), text);
            assertEquals(serial.instances().size(), parallel.instances().size(), text);
            for (int i = 0; i < serial.instances().size(); i++) {
                assertEquals(serial.instances().get(i).plan(), parallel.instances().get(i).plan(), text);
            }
        });
    }

    /** The property is not empty: some of the systems drawn fail in more than one way. */
    @Test
    void someDrawnSystemsFailInSeveralCodes() {
        Random r = new Random(42);
        int several = 0;
        for (int i = 0; i < 100; i++) {
            String text = broken(r);
            long codes = SERIAL.compileSource(SourceFile.of("gen.shy", text)).diagnostics().stream()
                    .filter(Diagnostic::isError).map(Diagnostic::code).distinct().count();
            if (codes > 1) several++;
        }
        assertTrue(several >= 10, several + " of 100");
    }

    private static String render(Compilation c) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : c.diagnostics()) {
            b.append(d.code().id()).append(' ').append(d.severity().label()).append(' ').append(d.span().location())
                    .append(' ').append(d.message()).append(" | ").append(d.hint());
            d.related().forEach(x -> b.append(" | ").append(x.span().location()).append(' ').append(x.message()));
            b.append('\n');
        }
        return b.toString();
    }
}
