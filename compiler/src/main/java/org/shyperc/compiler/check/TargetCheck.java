package org.shyperc.compiler.check;

import java.util.List;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.targets.Target;
import org.shyperc.dsl.diag.Code;

/** A check of an output target's limits: runs only on the boards the target is built for. */
public final class TargetCheck implements Check {
    private final Target target;
    private final Check check;

    public TargetCheck(Target target, Check check) {
        this.target = target;
        this.check = check;
    }

    public Target target() { return target; }

    /** The check itself. */
    public Check check() { return check; }

    @Override
    public Code code() { return check.code(); }

    @Override
    public List<Code> prerequisites() { return check.prerequisites(); }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        if (target.buildsFor(board)) check.checkBoard(board, out);
    }

    @Override
    public void checkInstance(Instance instance, Reporter out) {
        if (target.buildsFor(instance)) check.checkInstance(instance, out);
    }

    @Override
    public String toString() { return check.getClass().getSimpleName() + " (" + target.name() + ")"; }
}
