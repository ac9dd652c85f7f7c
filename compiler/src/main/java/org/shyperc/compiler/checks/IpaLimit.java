package org.shyperc.compiler.checks;

import java.util.List;
import java.util.function.Supplier;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.BoardPlan;

/**
 * SHY0308: everything a VM maps lies below its IPA limit. The runtime sets up stage 2 with a
 * 40-bit IPA space on aarch64 (VTCR_EL2.T0SZ = 24: 1 TiB); riscv64 Sv39x4 gives 41 bits.
 * The virtual GIC and a console the user did not place sit at board addresses, below any limit.
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
        for (VmModel vm : in.vms()) {
            for (VmModel.Mem m : vm.memory()) test(out, vm, limit, bits, m.ipa(), m.size(), m.span(), () -> "RAM");
            for (VmModel.Pt p : vm.passthrough()) {
                if (p.window() != null) continue; // the window is tested
                test(out, vm, limit, bits, p.ipa(), p.device().size(), p.span(), () -> "device `" + p.device().name() + "`");
            }
            for (VmModel.Window w : vm.windows()) {
                test(out, vm, limit, bits, w.ipa(), w.size(), w.span(), () -> "the passthrough window");
            }
            for (VmModel.Virtio v : vm.virtio()) {
                test(out, vm, limit, bits, v.ipa(), v.size(), v.span(), () -> "the virtio " + v.kind() + " device");
            }
            VmModel.ConsoleDev c = vm.console();
            if (c != null && c.span() != null) test(out, vm, limit, bits, c.ipa(), c.size(), c.span(), () -> "the console");
        }
        java.util.Map<String, VmModel> byName = new java.util.HashMap<>();
        for (VmModel vm : in.vms()) byName.put(vm.name(), vm);
        for (SharedModel s : in.shared()) {
            for (SharedModel.Mapping m : s.mappings()) {
                VmModel vm = byName.get(m.vm());
                if (vm != null) {
                    test(out, vm, limit, bits, m.ipa(), s.size(), m.span(), () -> "the window onto shared region `" + s.name() + "`");
                }
            }
        }
    }

    private static void test(Reporter out, VmModel vm, long limit, int bits, long ipa, long size, SourceSpan span,
                             Supplier<String> what) {
        long end = Addr.end(ipa, size);
        if (Long.compareUnsigned(end, limit) <= 0) return;
        out.report(span, "In vm `" + vm.name() + "`, " + what.get() + " (" + Addr.range(ipa, size) + ") ends above the "
                + bits + "-bit IPA limit " + Hex.of(limit) + ".")
                .hint("Every IPA must be below " + Hex.of(limit) + " (" + Hex.size(limit) + "); the IPA is the guest's view "
                        + "and need not equal the PA, so pick a lower one.");
    }
}
