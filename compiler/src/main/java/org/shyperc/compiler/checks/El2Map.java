package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;

/**
 * SHY1106: what the runtime itself must reach lies inside its own map of the low 2^39 bytes: the
 * DRAM banks (payload copies, page tables, its stacks), its console, the GIC's frames and the
 * spin-table release words of the cores it starts that way (blob_verify.c refuses one beyond).
 */
public final class El2Map implements Check {
    private static final long TOP = 1L << RuntimeLimits.EL2_MAP_BITS;

    @Override
    public Code code() { return Codes.EL2_MAP; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel b = in.board();
        if (b.arch() == org.shyperc.plan.BoardPlan.Arch.RISCV64) return; // HS-mode runs with satp = Bare: it reaches every PA
        for (BoardModel.Bank bank : b.dram()) test(in, out, bank.span(), "DRAM bank `" + bank.name() + "`", bank.base(), bank.size());
        BoardModel.Device console = b.device(b.hyp().console());
        if (console != null) test(in, out, b.hyp().consoleSpan(), "console `" + console.name() + "`", console.base(), console.size());
        for (BoardModel.Frame f : b.intc().frames()) test(in, out, f.span(), "GIC " + f.name(), f.base(), f.size());
        for (BoardModel.Core c : b.cores()) {
            if (c.enableMethod() != org.shyperc.plan.BoardPlan.EnableMethod.SPIN_TABLE) continue;
            test(in, out, c.releaseSpan(), "spin-table release word of core " + c.index(), c.releaseAddress(), 8);
        }
    }

    private static void test(Instance in, Reporter out, SourceSpan span, String what, long base, long size) {
        if (Long.compareUnsigned(Addr.end(base, size), TOP) <= 0) return;
        out.report(span, "The hypervisor's " + what + " (" + Addr.range(base, size) + ") ends above " + Hex.of(TOP)
                + ", beyond the hypervisor runtime's own map.")
                .related(in.systemSpan(), "system `" + in.system() + "` is built for board `" + in.board().name() + "` here")
                .hint("The runtime maps the low " + Hex.size(TOP) + " of physical memory for itself (`SHY_EL2_MAP_BITS`, "
                        + RuntimeLimits.EL2_MAP_BITS + " bits) and reaches DRAM, its console, the GIC and the spin table only there.");
    }
}
