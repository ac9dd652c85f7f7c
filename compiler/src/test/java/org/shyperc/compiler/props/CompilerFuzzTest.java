package org.shyperc.compiler.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Related;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.InterruptControllerPlan;

/**
 * The whole front end (`shyperc check`) on any bytes as a system file beside the diagnostics
 * corpus: it never throws; every diagnostic is catalogued, a sentence, and lies inside the file
 * it names (0 <= start <= end <= length), related places too; an error-free instance has a Plan
 * and, on a GIC board, the isolation invariants of {@link PlanInvariants} hold on it. Imports reach the corpus's `_lib/` and the board
 * library only. Regression inputs: CompilerFuzzTestInputs/bytes.
 */
class CompilerFuzzTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    /** A case folder of tests/diagnostics, so `import "../_lib/board.shy"` and its images resolve. */
    static final Path BASE = ROOT.resolve("tests/diagnostics/cpus");
    static final Path FILE = BASE.resolve("fuzz.shy");
    /** Fuzzed imports read nothing else from disk: anywhere else is "not found". */
    static final Loader.Sources SANDBOX = (abs, display, from) -> {
        boolean allowed = abs.startsWith(ROOT.resolve("tests/diagnostics/_lib")) || abs.startsWith(ROOT.resolve("boards"));
        return SourceLoader.load(allowed ? abs : BASE.resolve("no-such-folder").resolve(abs.getFileName() == null
                ? "x.shy" : abs.getFileName().toString()), display, from);
    };
    static final Compiler COMPILER = new Compiler(BASE, SANDBOX, Checks.ALL);

    @DictionaryFile(resourcePath = "/org/shyperc/compiler/props/shy.dict")
    @FuzzTest
    void bytes(byte[] data) {
        SourceFile file = SourceLoader.decode(data, "fuzz.shy", FILE).value();
        if (file == null) return; // not UTF-8: the dsl module's parser fuzz test covers the refusal
        Compilation c = COMPILER.compileSource(file);
        for (Diagnostic d : c.diagnostics()) wellFormed(d);
        for (Compilation.Placed p : c.instances()) {
            boolean errors = c.diagnostics().stream().anyMatch(Diagnostic::isError);
            if (!errors) {
                assertNotNull(p.plan(), () -> "an instance without errors has no Plan: " + p.instance());
                // the invariants are written for a GIC (SPIs from 32, a virtual GIC per VM)
                if (p.plan().board().interruptController().kind() != InterruptControllerPlan.Kind.PLIC) {
                    PlanInvariants.assertHold(p.plan());
                }
            }
        }
        assertEquals(c.diagnostics().stream().sorted(Diagnostic.ORDER).toList(), c.diagnostics(), "diagnostics out of order");
    }

    static void wellFormed(Diagnostic d) {
        assertTrue(Codes.ALL.contains(d.code()), () -> "uncatalogued code: " + d);
        inside(d.span(), d);
        for (Related r : d.related()) inside(r.span(), d);
        String m = d.message();
        assertFalse(m == null || m.isBlank(), d::toString);
        assertTrue(m.endsWith(".") || m.endsWith("?"), () -> "not a sentence: " + m);
        char first = m.charAt(0);
        assertTrue(Character.isUpperCase(first) || first == '`' || Character.isDigit(first), () -> "not a sentence: " + m);
        assertTrue(d.hint() == null || !d.hint().isBlank(), () -> "blank hint: " + d);
    }

    static void inside(SourceSpan s, Diagnostic d) {
        assertNotNull(s, () -> "no span: " + d);
        int len = s.file().text().length();
        assertTrue(0 <= s.start() && s.start() <= s.end() && s.end() <= len,
                () -> "span " + s.start() + ".." + s.end() + " outside its " + len + "-char file: " + d);
        s.location();
    }
}
