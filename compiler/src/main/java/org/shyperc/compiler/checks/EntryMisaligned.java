package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;

/** SHY0711: a VM's entry point is aligned as its architecture's instructions are (4 bytes on aarch64, 2 on riscv64). */
public final class EntryMisaligned implements Check {
    @Override
    public Code code() { return Codes.ENTRY_MISALIGNED; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        boolean riscv = in.board().arch() == BoardPlan.Arch.RISCV64;
        long align = riscv ? 2 : 4;
        for (VmModel vm : in.vms()) {
            VmModel.Payload k = vm.kernel();
            if (k == null || (k.entry() & (align - 1)) == 0) continue;
            long down = k.entry() & -align;
            boolean given = !k.entrySpan().equals(k.span());
            out.report(k.entrySpan(), "The entry point " + Hex.of(k.entry()) + " of vm `" + vm.name() + "`"
                    + (given ? "" : " (its kernel's load address)") + " is not a multiple of " + align + ": "
                    + (riscv ? "riscv64" : "aarch64") + " fetches instructions only from " + align + "-byte aligned addresses.")
                    .hint("Start it at " + Hex.of(down) + (down + align != 0 ? " or " + Hex.of(down + align) : "")
                            + (given ? ", the address of its first instruction." : ": load the kernel where its first instruction is."));
        }
    }
}
