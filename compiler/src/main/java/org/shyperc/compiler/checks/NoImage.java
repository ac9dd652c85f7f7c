package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.targets.ShyperImage;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY1110 (warning): a system on a board the shyper image is built for that hands the board's
 * console to a VM gets no image ({@link ShyperImage#buildsFor(Instance)}); say so where it is written.
 */
public final class NoImage implements Check {
    @Override
    public Code code() { return Codes.NO_IMAGE; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        Instance.ConsoleOwner owner = in.consoleOwner();
        if (owner == null || !ShyperImage.TARGET.buildsFor(in.board())) return;
        out.report(owner.span(), "System `" + in.system() + "` hands the board's console to vm `" + owner.vm() + "`, which the "
                + "shyper image's runtime keeps for itself: `build` writes no `shyper.bin` for it on `" + in.board().name() + "`.")
                .hint("Drop `console to` to get the image (every VM then has an emulated console); the device trees and "
                        + "Rust-Shyper's files are written either way.");
    }
}
