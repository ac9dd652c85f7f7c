package org.shyperc.compiler.checks;

import java.util.List;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;

/**
 * SHY0308: everything a VM maps lies below its IPA limit. The runtime sets up stage 2 with a
 * 40-bit IPA space on aarch64 (VTCR_EL2.T0SZ = 24: 1 TiB); riscv64 Sv39x4 gives 41 bits.
 */
public final class IpaLimit implements Check {
    static final int AARCH64_IPA_BITS = 40;
    static final int RISCV64_IPA_BITS = 41;

    @Override
    public Code code() { return Codes.IPA_LIMIT; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        int bits = in.board().arch() == BoardPlan.Arch.RISCV64 ? RISCV64_IPA_BITS : AARCH64_IPA_BITS;
        long limit = 1L << bits;
        Map<String, List<GuestMap.Entry>> windows = GuestMap.windows(in);
        for (VmModel vm : in.vms()) {
            for (GuestMap.Entry e : GuestMap.of(in, vm, windows)) {
                Place p = e.place();
                if (e.implicit() || Long.compareUnsigned(p.end(), limit) <= 0) continue;
                out.report(p.span(), "In vm `" + vm.name() + "`, " + p.describe() + " ends above the "
                        + bits + "-bit IPA limit " + Hex.of(limit) + ".")
                        .hint("Every IPA must be below " + Hex.of(limit) + " (" + Hex.size(limit) + "); the IPA is the "
                                + "guest's view and need not equal the PA, so pick a lower one.");
            }
        }
    }
}
