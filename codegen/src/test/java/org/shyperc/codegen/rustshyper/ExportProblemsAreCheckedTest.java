package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.output.Problem;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.dsl.diag.Diagnostic;

/**
 * What the Rust-Shyper exporter finds over its limits, `check` finds too, as often: `build`
 * shows an exporter problem only where no check reported its code, so the two must agree.
 * Over every example and every corpus case of tests/diagnostics/rust-shyper.
 */
class ExportProblemsAreCheckedTest {

    static Stream<Path> systems() throws Exception {
        List<Path> out = new ArrayList<>(Examples.systems().toList());
        try (Stream<Path> s = Files.list(Examples.root().resolve("tests/diagnostics/rust-shyper"))) {
            s.filter(p -> p.toString().endsWith(".shy")).sorted().forEach(out::add);
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systems")
    void exporterAndChecksCountTheSame(Path system) {
        Compilation c = Compiler.standard().compile(List.of(system));
        for (Compilation.Placed p : c.instances()) {
            if (p.plan() == null) continue;
            Map<String, Integer> exported = new TreeMap<>();
            for (Problem pr : BuildOutputs.emit(p.plan(), Examples.inputs(p.plan())).problems()) {
                exported.merge(pr.code().id(), 1, Integer::sum);
            }
            Map<String, Integer> checked = new TreeMap<>();
            for (Diagnostic d : c.diagnostics()) {
                if (exported.containsKey(d.code().id()) && d.span().file().path() != null) checked.merge(d.code().id(), 1, Integer::sum);
            }
            assertEquals(exported, checked, system + " on " + p.plan().board().name());
        }
    }
}
