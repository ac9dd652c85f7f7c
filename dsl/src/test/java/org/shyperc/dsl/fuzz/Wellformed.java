package org.shyperc.dsl.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.List;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Related;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** What the fuzz tests hold every diagnostic and AST to, whatever the input. */
public final class Wellformed {
    private Wellformed() { }

    /** A catalogued code, a whole-sentence message, a span (and related spans) inside its file. */
    public static void diagnostic(Diagnostic d) {
        assertTrue(Codes.ALL.contains(d.code()), () -> "uncatalogued code: " + d);
        span(d.span(), d::toString);
        String m = d.message();
        assertFalse(m == null || m.isBlank(), () -> "no message: " + d);
        assertTrue(m.endsWith(".") || m.endsWith("?"), () -> "not a sentence: " + m);
        char first = m.charAt(0);
        assertTrue(Character.isUpperCase(first) || first == '`' || Character.isDigit(first), () -> "not a sentence: " + m);
        assertTrue(d.hint() == null || !d.hint().isBlank(), () -> "blank hint: " + d);
        for (Related r : d.related()) span(r.span(), () -> "related of " + d);
    }

    /** Every diagnostic well formed; those of {@code file} (all, for a single-file stage) inside it. */
    public static void diagnostics(List<Diagnostic> ds, SourceFile file) {
        for (Diagnostic d : ds) {
            diagnostic(d);
            assertSame(file, d.span().file(), () -> "diagnostic in another file: " + d);
        }
    }

    /** 0 <= start <= end <= length, and line:col computable. */
    public static void span(SourceSpan s, java.util.function.Supplier<String> what) {
        assertTrue(s != null && s.file() != null, () -> "no span: " + what.get());
        int len = s.file().text().length();
        assertTrue(0 <= s.start() && s.start() <= s.end() && s.end() <= len,
                () -> "span " + s.start() + ".." + s.end() + " outside its " + len + "-char file: " + what.get());
        assertTrue(s.line() >= 1 && s.column() >= 1 && s.endLine() >= s.line(), what);
        s.text();
        s.location();
    }

    /** Every span anywhere in an AST (records, lists) lies inside {@code file}. */
    public static void spans(Object node, SourceFile file) {
        if (node instanceof SourceSpan s) {
            assertSame(file, s.file(), () -> "AST span in another file: " + s);
            span(s, s::toString);
        } else if (node instanceof List<?> list) {
            for (Object o : list) spans(o, file);
        } else if (node instanceof Record r) {
            // names and literals hold offsets, not a span component: check the span they make
            if (node instanceof org.shyperc.dsl.ast.Node n) spans(n.span(), file);
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    spans(c.getAccessor().invoke(r), file);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
