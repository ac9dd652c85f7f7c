package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.source.SourceSpan;

/** A VM's payloads at their IPAs: kernel, initrd (when readable their size is known) and device tree. */
final class Payloads {
    private Payloads() { }

    /**
     * size 0 means unknown (file not readable): only the load address is known. {@code basis} is
     * the RAM region a default device tree was put in (its IPA comes from that region), else null.
     */
    record Load(String what, long ipa, long size, SourceSpan span, SourceSpan basis) {
        long end() { return Addr.end(ipa, Math.max(size, 1)); }
    }

    static List<Load> of(VmModel vm) {
        List<Load> out = new ArrayList<>();
        VmModel.Payload k = vm.kernel();
        if (k != null) out.add(new Load("the kernel `" + k.path() + "`", k.ipa(), Math.max(k.size(), 0), k.span(), null));
        VmModel.Payload i = vm.initrd();
        if (i != null) out.add(new Load("the initrd `" + i.path() + "`", i.ipa(), Math.max(i.size(), 0), i.span(), null));
        if (vm.dtbSpan() != null) {
            out.add(new Load("the device tree", vm.dtbIpa(), VmModel.DTB_MAX, vm.dtbSpan(), null));
        } else if (vm.dtbIpa() != VmModel.NO_DTB) {
            VmModel.Mem low = lowest(vm);
            out.add(new Load("the device tree", vm.dtbIpa(), VmModel.DTB_MAX, vm.span(), low == null ? null : low.span()));
        }
        return out;
    }

    /** The RAM region holding [ipa, end), or null. */
    static VmModel.Mem ramHolding(VmModel vm, long ipa, long end) {
        for (VmModel.Mem m : vm.memory()) {
            if (Addr.within(ipa, end, m.ipa(), Addr.end(m.ipa(), m.size()))) return m;
        }
        return null;
    }

    /** The region with the lowest IPA: where the binder puts a default device tree. */
    private static VmModel.Mem lowest(VmModel vm) {
        VmModel.Mem low = null;
        for (VmModel.Mem m : vm.memory()) if (low == null || Long.compareUnsigned(m.ipa(), low.ipa()) < 0) low = m;
        return low;
    }
}
