package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;

/**
 * SHY0601: every interrupt exists on the controller: GIC INTIDs below `lines`, PLIC sources
 * from 1 to lines - 1 (source 0 means "no interrupt").
 */
public final class NoSuchIrq implements Check {
    @Override
    public Code code() { return Codes.NO_SUCH_IRQ; }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        for (BoardModel.Device d : board.devices()) {
            List<BoardModel.Irq> irqs = d.irqs();
            // by index: an iterator per device (its list is short) was 1.8% of what a 100k-element check allocated
            for (int i = 0; i < irqs.size(); i++) {
                BoardModel.Irq irq = irqs.get(i);
                if (!exists(board, irq.id())) report(board, out, irq.id(), "device `" + d.name() + "`", irq.span());
            }
        }
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        List<Irqs.VmUses> uses = Irqs.of(in, out);
        for (int i = 0; i < uses.size(); i++) {
            VmModel vm = in.vms().get(i);
            for (Irqs.Use u : uses.get(i).emulated()) {
                if (u.skipped(out) || exists(in.board(), u.id())) continue;
                report(in.board(), out, u.id(), u.what() + " of vm `" + vm.name() + "`", u.span());
            }
        }
    }

    private static boolean exists(BoardModel board, int id) {
        return id < board.intc().lines() && (Irqs.isGic(board) || id > 0);
    }

    private static void report(BoardModel board, Reporter out, int id, String who, SourceSpan span) {
        int lines = board.intc().lines();
        boolean gic = Irqs.isGic(board);
        String first = gic ? "0" : "1";
        out.report(span, "Interrupt " + id + " of " + who + " does not exist: the interrupt controller of board `"
                + board.name() + "` has " + (gic ? "INTIDs" : "sources") + " " + first + ".." + (lines - 1) + ".")
                .related(board.intc().span(), "the interrupt controller is declared here")
                .hint(gic ? "GIC INTIDs count SPI n as n + 32." : "PLIC sources start at 1.");
    }
}
