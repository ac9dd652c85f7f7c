package org.shyperc.compiler.targets;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;

/**
 * Something `build` makes from a system, with limits of its own: the shyper image (the hypervisor
 * runtime shyperc links), Rust-Shyper's configuration files. A target contributes the checks for
 * its limits; they run with every other check in `check`, `build`, the language server and the
 * pre-commit hook, on the systems of the boards the target is built for, so what checks clean
 * also builds. Its emitters may then assume valid input.
 *
 * <p>A limit's severity is its code's: a target whose output `build` cannot do without reports
 * errors (the shyper image), one whose output is a convenience reports warnings (Rust-Shyper), which
 * `-E CODE` raises for a user who depends on it. To add a check, write it as any other (one small
 * final class in {@code org.shyperc.compiler.checks} with its own code) and add it to the
 * target's {@link #checks()}.
 */
public interface Target {
    /** A short stable name for messages and documentation: "shyper image". */
    String name();

    /** Whether a system on {@code board} is built for this target. */
    boolean buildsFor(BoardModel board);

    /** Whether this system is built for this target: by default, whether its board is. */
    default boolean buildsFor(Instance in) { return buildsFor(in.board()); }

    /** The checks of this target's limits, in the order they run (after every target-free check). */
    List<Check> checks();

    /**
     * Whether this target can still be built when a finding of {@code code} has been made a warning
     * (`-W`): true for a rule the target does not depend on (a convention of another hypervisor, a
     * problem inside one guest's own payloads), false where the runtime would refuse, or the emitters
     * could not represent, what the rule forbids.
     */
    boolean tolerates(Code code);
}
