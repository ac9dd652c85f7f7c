package org.shyperc.compiler.check;

import java.util.List;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;

/**
 * One invariant. Each check is a small final class registered in {@link Checks#ALL}; it reports
 * only its own code. Where a prerequisite reported an error, the check leaves out the items that
 * error is about (see {@link Reporter#skips}) and checks all the others, so one typo neither piles
 * up follow-on errors nor hides an unrelated problem.
 */
public interface Check {
    Code code();

    /** Codes whose errors make this check leave the failed items out. */
    default List<Code> prerequisites() { return List.of(); }

    /** Board-level facts, run once per board. */
    default void checkBoard(BoardModel board, Reporter out) { }

    /** A system on one board, after placement. */
    default void checkInstance(Instance instance, Reporter out) { }

    /**
     * Every instance of the compilation at once, before placement, for rules between them: the names of the
     * folders a build writes them to ({@code <system>/<board>/}). Nothing is skipped here; run once.
     */
    default void checkInstances(List<Instance> instances, Reporter out) { }
}
