package org.shyperc.codegen.rustshyper;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.fuzz.Problems;
import org.shyperc.codegen.output.Result;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.ast.Import;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.plan.BoardPlan;

/**
 * `shyperc import rust-shyper` on any bytes (one VM config, or two split at the first NUL byte)
 * for the QEMU virt board: never an exception; a system, or errors located in a file given; and
 * the system it writes compiles against the board without syntax, key, type or duplicate errors.
 * Regression inputs: RustShyperImportFuzzTestInputs/json (the import cases and golden exports).
 */
class RustShyperImportFuzzTest {
    static final Path ROOT = Examples.root();
    static final BoardPlan BOARD = Examples.plans(ROOT.resolve("examples/qemu-virt/system.shy")).get(0).board();
    static final Set<Code> CODES = Set.copyOf(Codes.ALL.stream().filter(c -> c.id().startsWith("SHY09")).toList());
    /** The written system may import the board library, nothing else. */
    static final Loader.Sources LIBRARY_ONLY = (abs, display, from) -> SourceLoader.load(abs.startsWith(ROOT.resolve("boards"))
            ? abs : Path.of("/nonexistent/fuzz").resolve(abs.getFileName() == null ? "x" : abs.getFileName().toString()),
            display, from);

    @DictionaryFile(resourcePath = "/org/shyperc/codegen/rustshyper/rs.dict")
    @FuzzTest
    void json(byte[] data) {
        List<RustShyperImporter.Input> inputs = new ArrayList<>();
        int nul = indexOf(data, (byte) 0);
        inputs.add(new RustShyperImporter.Input("a.json", nul < 0 ? data : Arrays.copyOf(data, nul)));
        if (nul >= 0) inputs.add(new RustShyperImporter.Input("b.json", Arrays.copyOfRange(data, nul + 1, data.length)));
        Result<RustShyperImporter.Imported> r = RustShyperImporter.importVms(inputs, BOARD, "fuzzed", Import.Kind.BOARD,
                "qemu-virt");
        Problems.wellFormed(r, CODES, "");
        for (var p : r.problems()) {
            if (!p.location().startsWith("a.json") && !p.location().startsWith("b.json")) {
                throw new AssertionError("location not in a file given: " + p);
            }
        }
        if (r.value() == null) return;
        String shy = r.value().shy();
        Compilation c = new Compiler(ROOT, LIBRARY_ONLY, Checks.ALL).compileSource(SourceFile.of("fuzzed.shy", shy));
        Problems.cleanText(c, shy);
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) if (data[i] == b) return i;
        return -1;
    }
}
