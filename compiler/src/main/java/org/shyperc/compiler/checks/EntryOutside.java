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
 * SHY0704: the entry point lies inside the kernel image. Without the file its size is unknown;
 * then the entry must at least be at or after the load address, in the same RAM region.
 */
public final class EntryOutside implements Check {
    @Override
    public Code code() { return Codes.ENTRY_OUTSIDE; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW, Codes.IMAGE_OUTSIDE_RAM); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            VmModel.Payload k = vm.kernel();
            if (k == null) continue;
            long lo = k.ipa();
            long hi;
            VmModel.Mem ram = null;
            if (k.size() > 0) {
                hi = Addr.end(k.ipa(), k.size());
            } else {
                ram = Payloads.ramHolding(vm, k.ipa(), Addr.end(k.ipa(), 1));
                if (ram == null) continue;
                hi = Addr.end(ram.ipa(), ram.size());
            }
            if (Long.compareUnsigned(k.entry(), lo) >= 0 && Long.compareUnsigned(k.entry(), hi) < 0) continue;
            var d = out.report(k.entrySpan(), "The entry point " + Hex.of(k.entry()) + " of vm `" + vm.name()
                    + "` is not inside its kernel `" + k.path() + "` (" + Addr.range(lo, hi - lo) + ").")
                    .related(k.span(), "the kernel is loaded here")
                    .hint("Leave `entry` out to start at the load address " + Hex.of(lo) + ".");
            // without the file, the kernel is taken to fill its RAM region: the finding rests on that region
            if (ram != null) d.related(ram.span(), "the kernel's size is unknown, so it may fill this RAM region");
        }
    }
}
