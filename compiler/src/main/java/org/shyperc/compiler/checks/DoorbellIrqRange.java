package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1304: a doorbell's interrupt is an SPI the receiver's virtual GIC has (32 up to the board's `lines`). */
public final class DoorbellIrqRange implements Check {
    @Override
    public Code code() { return Codes.DOORBELL_IRQ_RANGE; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (!Irqs.isGic(in.board())) return;                   // SHY1305 refuses doorbells there
        int lines = in.board().intc().lines();
        for (SharedModel s : in.shared()) {
            SharedModel.Doorbell last = null;
            for (SharedModel.Doorbell d : s.doorbells()) {
                boolean secondHalf = last != null && last.bothWays() && last.span().equals(d.span());
                last = d;
                if (secondHalf || (d.irq() >= Irqs.FIRST_SPI && d.irq() < lines)) continue;
                String why = d.irq() < 16 ? "an SGI" : d.irq() < Irqs.FIRST_SPI ? "a PPI"
                        : "beyond the " + lines + " interrupt lines of the board's GIC";
                out.report(d.irqSpan(), "Interrupt " + d.irq() + " of the doorbell to `" + d.to() + "` is " + why
                        + ", not an SPI `" + d.to() + "` can be sent.")
                        .related(in.board().intc().span(), "the interrupt controller is declared here")
                        .hint(lines > Irqs.FIRST_SPI ? "Give the doorbell an SPI from 32 to " + (lines - 1) + "."
                                : "The board's GIC has no SPI (it has " + lines + " lines): a doorbell needs one with more.");
            }
        }
    }
}
