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
 * SHY0702: kernel, initrd and device tree each lie inside one RAM region of their VM. A finding
 * names every RAM region it was judged against, so a region of size zero, one that overflows or
 * one that could not be read makes it a follow-on, which the runner drops.
 */
public final class ImageOutsideRam implements Check {
    @Override
    public Code code() { return Codes.IMAGE_OUTSIDE_RAM; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW, Codes.ZERO_SIZE); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            if (vm.memory().isEmpty()) continue; // no RAM at all is SHY0206's, or the parser's
            for (Payloads.Load l : Payloads.of(vm)) {
                if (out.skips(l.basis()) || Payloads.ramHolding(vm, l.ipa(), l.end()) != null) continue;
                String extent = l.size() > 0 ? " (" + Addr.range(l.ipa(), l.size()) + ")" : " at " + Hex.of(l.ipa());
                var d = out.report(l.span(), capital(l.what()) + " of vm `" + vm.name() + "`" + extent
                        + " is not inside the VM's RAM.");
                VmModel.Mem first = vm.memory().get(0);
                for (VmModel.Mem m : vm.memory()) d.related(m.span(), "the RAM of vm `" + vm.name() + "` is declared here");
                d.hint("RAM is at IPA " + Addr.range(first.ipa(), first.size()) + "; load it there.");
            }
        }
    }

    private static String capital(String s) { return PaOverlap.capital(s); }
}
