package org.shyperc.compiler.check;

import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/** Where a check puts its findings; the builder is pre-set with the check's own code. */
public interface Reporter {
    Diagnostic.Builder report(SourceSpan span, String message);

    /** Only for checks that own more than one code; normal checks use {@link #report}. */
    Diagnostic.Builder report(Code code, SourceSpan span, String message);

    /**
     * True when the item written at {@code item} failed one of this check's prerequisites, or could
     * not be read: the check leaves it out. A check that compares items with each other (a sort and
     * sweep for overlaps) must ask, so a broken item cannot hide a real conflict between two others;
     * a check that judges items one at a time may rely on the runner, which drops every finding that
     * names such an item.
     */
    boolean skips(SourceSpan item);

    /**
     * What {@code key} derives from {@code in}, shared by the checks of one instance ({@link Derived});
     * a reporter that keeps nothing makes it afresh.
     */
    default <T> T derived(Derived.Key<T> key, org.shyperc.compiler.model.Instance in) { return key.make(in); }
}
