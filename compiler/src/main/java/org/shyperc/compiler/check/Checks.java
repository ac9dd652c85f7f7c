package org.shyperc.compiler.check;

import java.util.List;

/** The one list of checks, in the order they run (prerequisites first). */
public final class Checks {
    private Checks() { }

    public static final List<Check> ALL = List.of(
    );
}
