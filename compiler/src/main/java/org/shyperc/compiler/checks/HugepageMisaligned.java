package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY1404: RAM that asks for `hugepages SIZE` can be mapped with blocks of SIZE: its IPA, its size and
 * a pinned PA are multiples of SIZE. A PA placement chooses is aligned by placement itself.
 */
public final class HugepageMisaligned implements Check {
    @Override
    public Code code() { return Codes.HUGEPAGE_MISALIGNED; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ZERO_SIZE, Codes.MISALIGNED); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            for (VmModel.Mem m : vm.memory()) {
                long block = m.hugepage();
                if (block == 0) continue;
                String blocks = Hex.size(block) + " blocks";
                if (Long.remainderUnsigned(m.ipa(), block) != 0) {
                    report(out, m, "The IPA " + Hex.of(m.ipa()) + " of the RAM of vm `" + vm.name() + "` is not a multiple of "
                            + Hex.size(block) + ", so it cannot be mapped with " + blocks + ".",
                            "Move it to " + Hex.of(down(m.ipa(), block)) + " or " + Hex.of(down(m.ipa(), block) + block)
                                    + ", or ask for smaller blocks.");
                }
                if (Long.remainderUnsigned(m.size(), block) != 0) {
                    report(out, m, "The size " + Hex.size(m.size()) + " of the RAM of vm `" + vm.name() + "` is not a multiple of "
                            + Hex.size(block) + ", so it cannot be mapped with " + blocks + " only.",
                            "Make it " + Hex.size(down(m.size(), block) + block)
                                    + (Long.compareUnsigned(m.size(), block) >= 0 ? " or " + Hex.size(down(m.size(), block)) : "")
                                    + ", or ask for smaller blocks.");
                }
                if (m.pinned() && Long.remainderUnsigned(m.pa(), block) != 0) {
                    report(out, m, "The pinned PA " + Hex.of(m.pa()) + " of the RAM of vm `" + vm.name() + "` is not a multiple of "
                            + Hex.size(block) + ", so it cannot be mapped with " + blocks + ".",
                            "Pin it at " + Hex.of(down(m.pa(), block)) + " or " + Hex.of(down(m.pa(), block) + block)
                                    + ", or drop `at pa` and let placement align it.");
                }
            }
        }
    }

    private static long down(long v, long block) { return v & -block; }

    private static void report(Reporter out, VmModel.Mem m, String message, String hint) {
        var d = out.report(m.span(), message).hint(hint);
        if (m.hugepageSpan() != null) d.related(m.hugepageSpan(), "the blocks are asked for here");
    }
}
