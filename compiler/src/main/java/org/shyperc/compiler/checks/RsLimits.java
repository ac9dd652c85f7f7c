package org.shyperc.compiler.checks;

import java.nio.charset.StandardCharsets;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.compiler.rustshyper.RustShyperLimits;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0916 (warning), on a board Rust-Shyper runs on: the system fits Rust-Shyper's fixed limits
 * (the same constants the exporter writes against): names, memory regions, VMs.
 */
public final class RsLimits implements Check {
    @Override
    public Code code() { return Codes.RS_LIMIT; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (RustShyperLimits.platform(in.board().arch(), in.board().compatible()) == null) return;
        if (in.vms().size() > RustShyperLimits.VM_LIMIT) {
            out.report(in.vms().get(RustShyperLimits.VM_LIMIT).span(), "The system has " + in.vms().size()
                    + " VMs; Rust-Shyper runs at most " + RustShyperLimits.VM_LIMIT + ".")
                    .hint("This is the first VM over the limit; Rust-Shyper's VM table has no room for it.");
        }
        for (VmModel vm : in.vms()) {
            int name = vm.name().getBytes(StandardCharsets.UTF_8).length;
            if (name >= RustShyperLimits.NAME_LIMIT) {
                out.report(vm.span(), "VM name `" + vm.name() + "` is " + name + " bytes; Rust-Shyper panics on names of "
                        + RustShyperLimits.NAME_LIMIT + " bytes or more.").hint("Shorten it to at most "
                        + (RustShyperLimits.NAME_LIMIT - 1) + " bytes.");
            }
            VmModel.Payload k = vm.kernel();
            if (k != null) {
                String file = k.path().substring(k.path().lastIndexOf('/') + 1);
                int len = file.getBytes(StandardCharsets.UTF_8).length;
                if (len >= RustShyperLimits.FILENAME_LIMIT) {
                    out.report(k.span(), "Kernel file name `" + file + "` is " + len + " bytes; Rust-Shyper's CLI copies it "
                            + "into a 32-byte buffer and panics on more than " + (RustShyperLimits.FILENAME_LIMIT - 1) + ".")
                            .hint("Rename the file (the folders before it do not count).");
                }
            }
            if (vm.memory().size() > RustShyperLimits.MEMORY_REGION_LIMIT) {
                out.report(vm.memory().get(RustShyperLimits.MEMORY_REGION_LIMIT).span(), "VM `" + vm.name() + "` has "
                        + vm.memory().size() + " memory regions; Rust-Shyper handles at most "
                        + RustShyperLimits.MEMORY_REGION_LIMIT + ".")
                        .hint("Merge regions that are adjacent in the VM's address space.");
            }
        }
    }
}
