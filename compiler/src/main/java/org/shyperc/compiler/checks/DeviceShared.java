package org.shyperc.compiler.checks;

import java.util.IdentityHashMap;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0501: a passthrough device belongs to one VM. */
public final class DeviceShared implements Check {
    @Override
    public Code code() { return Codes.DEVICE_SHARED; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        record Owner(VmModel vm, VmModel.Pt pt) { }
        int n = 0;
        for (VmModel vm : in.vms()) n += vm.passthrough().size();
        // by the device itself: a name's hash is in its String, one more scattered object to read per passthrough
        // (a device declared twice is bound once, SHY0204, so a name is one device)
        Map<BoardModel.Device, Owner> owners = new IdentityHashMap<>(n);
        for (VmModel vm : in.vms()) {
            for (VmModel.Pt p : vm.passthrough()) {
                if (out.skips(p.span())) continue;
                Owner first = owners.putIfAbsent(p.device(), new Owner(vm, p));
                if (first == null || first.vm() == vm) continue;
                out.report(p.span(), "Device `" + p.device().name() + "` is passed through to vm `" + vm.name()
                        + "`, but it already belongs to vm `" + first.vm().name() + "`.")
                        .related(first.pt().span(), "it is given to vm `" + first.vm().name() + "` here")
                        .hint("A device has one driver: keep it in one VM and let the other reach it through a "
                                + "shared region or a virtio device.");
            }
        }
    }
}
