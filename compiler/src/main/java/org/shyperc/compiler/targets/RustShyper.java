package org.shyperc.compiler.targets;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.checks.RsLimits;
import org.shyperc.compiler.checks.RsNoManagement;
import org.shyperc.compiler.checks.RsNotExported;
import org.shyperc.compiler.checks.RsVirtioConfig;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.rustshyper.RustShyperLimits;
import org.shyperc.dsl.diag.Code;

/**
 * `rust-shyper/`: the VM configs and the management VM's board definition for Rust-Shyper, written
 * for every system on a board Rust-Shyper has support code for ({@link RustShyperLimits#platform}).
 * Its limits ({@link RustShyperLimits}, which the exporter writes against too) are warnings: the
 * files are a convenience beside the shyper image, and `-E CODE` makes one an error for a user who
 * deploys on Rust-Shyper.
 */
public final class RustShyper implements Target {
    public static final RustShyper TARGET = new RustShyper();

    private RustShyper() { }

    @Override
    public String name() { return "Rust-Shyper configs"; }

    @Override
    public boolean buildsFor(BoardModel board) {
        return RustShyperLimits.platform(board.arch(), board.compatible()) != null;
    }

    @Override
    public List<Check> checks() {
        return List.of(new RsLimits(), new RsNoManagement(), new RsNotExported(), new RsVirtioConfig(),
                new org.shyperc.compiler.checks.RsLifecycle(), // VM lifecycle
                new org.shyperc.compiler.checks.RsFileNameClash());
    }

    /** Nothing of Rust-Shyper's stops `build`: its files are written whatever a check found. */
    @Override
    public boolean tolerates(Code code) { return true; }
}
