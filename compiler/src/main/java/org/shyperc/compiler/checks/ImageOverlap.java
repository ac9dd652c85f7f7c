package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Intervals;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0703: a VM's kernel, initrd and device tree do not overlap. A payload whose file is not
 * readable has no known size; only its first byte counts then.
 */
public final class ImageOverlap implements Check {
    @Override
    public Code code() { return Codes.IMAGE_OVERLAP; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW, Codes.ZERO_SIZE); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            List<Intervals.Item<Payloads.Load>> items = new ArrayList<>();
            for (Payloads.Load l : Payloads.of(vm)) {
                // a default device tree sits in the lowest RAM region: if that region is broken, so is its place
                if (!out.skips(l.span()) && !out.skips(l.basis())) items.add(new Intervals.Item<>(l.ipa(), l.end(), l));
            }
            for (Intervals.Overlap<Payloads.Load> o : Intervals.overlaps(items)) {
                Payloads.Load a = o.later().owner();
                Payloads.Load b = o.earlier().owner();
                out.report(a.span(), "In vm `" + vm.name() + "`, " + a.what() + " at " + Hex.of(a.ipa()) + " overlaps "
                        + b.what() + " (" + Addr.range(b.ipa(), Math.max(b.size(), 1)) + ").")
                        .related(b.span(), b.what() + " is placed here")
                        .hint("Load it at or above " + Hex.of(Addr.pageUp(b.end())) + ".");
            }
        }
    }
}
