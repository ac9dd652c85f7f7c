package org.shyperc.compiler.checks;

import java.util.HashMap;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.compiler.rustshyper.RustShyperLimits;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0922 (warning), on a board Rust-Shyper runs on: two different image files with one file name. Rust-Shyper's
 * configs name a VM's kernel and initrd by file name alone, which its CLI opens in its working folder, so `k1/rt.bin`
 * and `k2/rt.bin` were both exported as `rt.bin`, and one VM would boot the other's kernel.
 */
public final class RsFileNameClash implements Check {
    @Override
    public Code code() { return Codes.RS_FILE_NAME_CLASH; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (RustShyperLimits.platform(in.board().arch(), in.board().compatible()) == null) return;
        Map<String, Use> first = new HashMap<>();
        for (VmModel vm : in.vms()) {
            for (VmModel.Payload p : new VmModel.Payload[] {vm.kernel(), vm.initrd()}) {
                if (p == null || p.path() == null) continue;
                String name = p.path().substring(Math.max(p.path().lastIndexOf('/'), p.path().lastIndexOf('\\')) + 1);
                String file = p.resolved() != null ? p.resolved().toString() : p.path();
                Use had = first.putIfAbsent(name, new Use(vm.name(), file, p));
                if (had == null || had.file().equals(file)) continue;   // the same file for two VMs is one file there too
                out.report(p.span(), "Rust-Shyper's configs name an image by its file name alone: `" + p.path() + "` of vm `"
                        + vm.name() + "` and `" + had.payload().path() + "` of vm `" + had.vm() + "` are both exported as `"
                        + name + "`, so one of the VMs would boot the other's file.")
                        .related(had.payload().span(), "the other `" + name + "` is here")
                        .hint("Give the files different names (say `" + vm.name() + "-" + name + "`); shyperc's own image "
                                + "carries each as it is.");
            }
        }
    }

    private record Use(String vm, String file, VmModel.Payload payload) { }
}
