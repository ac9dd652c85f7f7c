package org.shyperc.compiler.targets;

import java.util.List;

/** Every output target, in the order their checks run. */
public final class Targets {
    private Targets() { }

    public static final List<Target> ALL = List.of(ShyperImage.TARGET, RustShyper.TARGET);
}
