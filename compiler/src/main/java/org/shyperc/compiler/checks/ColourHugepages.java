package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1210: `hugepages` on the RAM of a coloured VM, which stage 2 can only map page by page. */
public final class ColourHugepages implements Check {
    @Override
    public Code code() { return Codes.COLOUR_HUGEPAGES; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            if (vm.colours() == null) continue;
            for (VmModel.Mem m : vm.memory()) {
                if (m.hugepage() == 0) continue;
                out.report(m.hugepageSpan(), "The RAM of vm `" + vm.name() + "` asks for huge pages, but the VM is coloured: "
                        + "its RAM is the 4 KiB pages of its colours, which no larger block holds.")
                        .related(vm.colours().span(), "its colours are given here")
                        .hint("Drop `hugepages` from this region, or `colours` from the VM.");
            }
        }
    }
}
