package org.shyperc.compiler.check;

import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/** Where a check puts its findings; the builder is pre-set with the check's own code. */
public interface Reporter {
    Diagnostic.Builder report(SourceSpan span, String message);

    /** Only for checks that own more than one code; normal checks use {@link #report}. */
    Diagnostic.Builder report(Code code, SourceSpan span, String message);
}
