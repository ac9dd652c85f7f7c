package org.shyperc.compiler.target;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.diag.Code;

/**
 * `rust-shyper/`: the VM configs and the management VM's board definition for Rust-Shyper, written
 * for every system. Its limits are warnings: the files are a convenience beside the shyper image,
 * and `-E CODE` makes one an error for a user who deploys on Rust-Shyper. Its checks are
 * registered here (today the exporter reports them; see docs/architecture.md, "Targets").
 */
public final class RustShyper implements Target {
    public static final RustShyper TARGET = new RustShyper();

    private RustShyper() { }

    @Override
    public String name() { return "Rust-Shyper configs"; }

    @Override
    public boolean buildsFor(BoardModel board) { return true; }

    @Override
    public List<Check> checks() {
        return List.of();
    }

    /** Nothing of Rust-Shyper's stops `build`: its files are written whatever a check found. */
    @Override
    public boolean tolerates(Code code) { return true; }
}
