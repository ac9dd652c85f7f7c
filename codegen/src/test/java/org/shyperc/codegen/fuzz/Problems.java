package org.shyperc.codegen.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.compiler.Compilation;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;

/** What the readers' fuzz tests hold every answer to. */
public final class Problems {
    /** Diagnostics that mean a generated .shy file is not even well-formed text for the parser and binder. */
    public static final Set<Code> MALFORMED = Set.of(Codes.SYNTAX, Codes.BAD_TOKEN, Codes.INT_OVERFLOW, Codes.TOO_DEEP,
            Codes.NOT_TEXT, Codes.UNKNOWN_KEY, Codes.TYPE, Codes.DUPLICATE);

    /** The DTB reader's codes. */
    public static final Set<Code> FDT = Set.of(Codes.FDT_TRUNCATED, Codes.FDT_MAGIC, Codes.FDT_VERSION, Codes.FDT_BLOCK,
            Codes.FDT_TOKEN, Codes.FDT_NAME, Codes.FDT_TOO_DEEP);

    private Problems() { }

    /** A value, or errors saying why not; every problem catalogued, with a message and a location. */
    public static void wellFormed(Result<?> r, Set<Code> family, String locationPrefix) {
        if (r.value() == null) assertTrue(r.hasErrors(), () -> "no value and no error: " + r.problems());
        for (Problem p : r.problems()) {
            assertTrue(Codes.ALL.contains(p.code()), () -> "uncatalogued code: " + p);
            assertTrue(family.contains(p.code()), () -> "a code of another reader: " + p);
            assertFalse(p.message() == null || p.message().isBlank(), p::toString);
            assertTrue(p.location().startsWith(locationPrefix), () -> "location not in the input: " + p);
        }
    }

    /** A generated .shy file the front end reads without syntax, key, type or duplicate errors. */
    public static void cleanText(Compilation c, String text) {
        List<Diagnostic> bad = c.diagnostics().stream().filter(d -> MALFORMED.contains(d.code())).toList();
        assertTrue(bad.isEmpty(), () -> "generated text is malformed: " + bad + "\n" + text);
        for (Diagnostic d : c.diagnostics()) {
            assertTrue(d.span().end() <= d.span().file().text().length(), () -> "span past the end: " + d);
        }
    }
}
