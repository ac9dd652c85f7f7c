package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;

/**
 * SHY0308: everything a VM maps lies below its IPA limit. On aarch64 that is the hypervisor
 * runtime's stage 2 ({@link RuntimeLimits#IPA_BITS}: 39 bits, VTCR_EL2.T0SZ = 25 from the generated
 * header); riscv64 Sv39x4 gives 41 bits. The virtual GIC and a console the user did not place sit at
 * board addresses, below any limit.
 */
public final class IpaLimit implements Check {
    static final int AARCH64_IPA_BITS = RuntimeLimits.IPA_BITS;
    static final int RISCV64_IPA_BITS = RuntimeLimits.RISCV64_IPA_BITS;

    @Override
    public Code code() { return Codes.IPA_LIMIT; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        boolean riscv = in.board().arch() == BoardPlan.Arch.RISCV64;
        int bits = riscv ? RISCV64_IPA_BITS : AARCH64_IPA_BITS;
        long limit = 1L << bits;
        String source = riscv ? "the riscv64 runtime's Sv39x4 G-stage tables" : "the hypervisor runtime's stage-2 tables (`SHY_IPA_BITS`)";
        for (VmModel vm : in.vms()) {
            // the virtual GIC and a console the user did not place sit at board addresses
            for (MapEntry e : vm.map()) {
                if (!e.implicit()) test(out, vm, limit, bits, source, e);
            }
        }
    }

    private static void test(Reporter out, VmModel vm, long limit, int bits, String source, MapEntry e) {
        long ipa = e.mapping().ipa();
        long size = e.mapping().size();
        long end = Addr.end(ipa, size);
        if (Long.compareUnsigned(end, limit) <= 0) return;
        out.report(e.span(), "In vm `" + vm.name() + "`, " + e.what() + " (" + Addr.range(ipa, size) + ") ends above the "
                + bits + "-bit IPA limit " + Hex.of(limit) + " of " + source + ".")
                .hint("Every IPA must be below " + Hex.of(limit) + " (" + Hex.size(limit) + "); the IPA is the guest's view "
                        + "and need not equal the PA, so pick a lower one.");
    }
}
