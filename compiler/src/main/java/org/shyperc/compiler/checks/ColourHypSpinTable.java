package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Layout;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;

/**
 * SHY1212: the hypervisor keeps colours on a board whose cores start from a spin table. A core released from one
 * starts with its MMU off and reads its stack from the image as loaded, which a coloured runtime, running from its
 * copy, no longer writes; so a coloured runtime starts cores by PSCI only (blob_verify.c refuses the blob too).
 */
public final class ColourHypSpinTable implements Check {
    @Override
    public Code code() { return Codes.COLOUR_HYP_SPIN_TABLE; }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        if (board.hyp() == null || board.hyp().colours().isEmpty() || Layout.colourCount(board) == 0) return;
        for (BoardModel.Core c : board.cores()) {
            if (c.enableMethod() != BoardPlan.EnableMethod.SPIN_TABLE) continue;
            out.report(board.hyp().colours().get(0).span(), "The hypervisor keeps colours on board `" + board.name()
                    + "`, whose cores start from a spin table; a coloured hypervisor starts its cores by PSCI only.")
                    .hint("Drop the hypervisor's `colours`, or start the cores with `enable-method psci` where the "
                            + "firmware has PSCI.");
            return;
        }
    }
}
