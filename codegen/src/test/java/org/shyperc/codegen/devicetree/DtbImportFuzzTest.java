package org.shyperc.codegen.devicetree;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.shyperc.codegen.fuzz.Problems;
import org.shyperc.codegen.output.Result;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;

/**
 * `shyperc import dtb` on any bytes: never an exception; a board file, or errors located in the
 * DTB; and the board file it writes is read by the front end (parser, binder, board checks)
 * without syntax, key, type or duplicate errors. Regression inputs: DtbImportFuzzTestInputs/blob.
 */
class DtbImportFuzzTest {
    static final DtbBoardImporter.HypervisorHint HINT = new DtbBoardImporter.HypervisorHint(0x4000_0000L, 128L << 20,
            0x4008_0000L);
    static final Set<Code> CODES = codes();
    /** The imported board is compiled alone: it imports nothing. */
    static final Loader.Sources NOTHING = (abs, display, from) -> SourceLoader.load(Path.of("/nonexistent/fuzz")
            .resolve(abs.getFileName() == null ? "x" : abs.getFileName().toString()), display, from);

    static Set<Code> codes() {
        Set<Code> s = new HashSet<>(Problems.FDT);
        s.addAll(List.of(Codes.DTB_NO_CPUS, Codes.DTB_NO_GIC, Codes.DTB_NO_MEMORY, Codes.DTB_GIC_NO_VIRT, Codes.DTB_NAME_CHARACTER,
                Codes.IO));
        return s;
    }

    @FuzzTest
    void blob(byte[] data) {
        Result<String> r = DtbBoardImporter.importBoard(data, "fuzzed", "fuzz.dtb", HINT);
        Problems.wellFormed(r, CODES, "fuzz.dtb");
        if (r.value() == null) return;
        SourceFile board = SourceFile.of("fuzzed.shy", r.value());
        Compilation c = new Compiler(Path.of("/nonexistent"), NOTHING, Checks.ALL).compileSource(board);
        Problems.cleanText(c, r.value());
    }
}
