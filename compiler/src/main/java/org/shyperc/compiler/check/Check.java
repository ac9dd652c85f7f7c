package org.shyperc.compiler.check;

import java.util.List;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;

/**
 * One invariant. Each check is a small final class registered in {@link Checks#ALL}; it reports
 * only its own code. A check whose prerequisite reported an error is skipped for that
 * board or instance, so one typo does not pile up follow-on errors.
 */
public interface Check {
    Code code();

    /** Codes that must be clean before this check runs. */
    default List<Code> prerequisites() { return List.of(); }

    /** Board-level facts, run once per board. */
    default void checkBoard(BoardModel board, Reporter out) { }

    /** A system on one board, after placement. */
    default void checkInstance(Instance instance, Reporter out) { }
}
