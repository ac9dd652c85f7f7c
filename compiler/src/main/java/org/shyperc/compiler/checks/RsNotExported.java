package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.compiler.rustshyper.RustShyperLimits;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0920 (warning), on a board Rust-Shyper runs on: each item its VM configs cannot say, once,
 * with what Rust-Shyper does instead.
 */
public final class RsNotExported implements Check {
    @Override
    public Code code() { return Codes.RS_NOT_EXPORTED; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        if (RustShyperLimits.platform(in.board().arch(), in.board().compatible()) == null) return;
        for (SharedModel s : in.shared()) {
            out.report(s.span(), "Rust-Shyper has no shared memory between VMs: shared region `" + s.name()
                    + "` is left out of its files, and there its VMs find nothing mapped at the window IPAs.")
                    .hint("shyperc's own image maps it; for Rust-Shyper, connect the VMs with virtio consoles or a network.");
        }
        for (VmModel vm : in.vms()) {
            for (VmModel.Mem m : vm.memory()) {
                if (m.hugepage() > 0 && m.hugepageSpan() != null) {
                    out.report(m.hugepageSpan(), "Rust-Shyper places and maps a VM's RAM itself: the blocks this region of vm `"
                            + vm.name() + "` asks for are left out of its files.")
                            .hint("shyperc's own image places and maps it in those blocks.");
                }
                if (!m.pinned()) continue;
                out.report(m.span(), "Rust-Shyper places a VM's RAM itself: the physical address this region of vm `"
                        + vm.name() + "` is pinned to is left out of its files.")
                        .hint("Drop `at pa` if any placement will do; shyperc's own image keeps the pinned address.");
            }
            // a passthrough's memory type: Rust-Shyper's passthrough regions are Device memory (or, in the management
            // VM's def file, cacheable Normal memory), never non-cacheable
            java.util.Set<org.shyperc.dsl.source.SourceSpan> said = new java.util.HashSet<>();
            for (VmModel.Window w : vm.windows()) {
                if (w.memory() == org.shyperc.plan.Mapping.MemoryType.NORMAL_NONCACHEABLE && said.add(w.span())) nocache(out, vm, w.span());
            }
            for (VmModel.Pt p : vm.passthrough()) {
                if (p.memory() == org.shyperc.plan.Mapping.MemoryType.NORMAL_NONCACHEABLE && said.add(p.span())) nocache(out, vm, p.span());
            }
            if (vm.colours() != null) {
                // cache colouring: Rust-Shyper's CLI reads `colors`, but its hypervisor has no handler for them
                out.report(vm.colours().span(), "Rust-Shyper's hypervisor refuses a VM config with cache colours (its CLI "
                        + "reads `colors`, the hypervisor has no handler for them): vm `" + vm.name() + "`'s colours are left "
                        + "out of its files, and under Rust-Shyper its RAM is not coloured.")
                        .hint("shyperc's own image maps the VM in its colours.");
            }
            // Rust-Shyper's facts: `ramdisk_filename` is never loaded; the hypervisor copies its own built-in initramfs
            VmModel.Payload initrd = vm.initrd();
            if (initrd != null && initrd.span() != null) {
                out.report(initrd.span(), "Rust-Shyper never loads the initrd its VM config names: it copies the initramfs "
                        + "built into the hypervisor to `ramdisk_load_ipa`, so vm `" + vm.name() + "`'s `" + initrd.path()
                        + "` is named in its file but not loaded.")
                        .hint("Under Rust-Shyper, build this initramfs into the hypervisor or the kernel; shyperc's own "
                                + "image loads it as it is.");
            }
            VmModel.ConsoleDev c = vm.console();
            if (c != null && c.span() != null) {
                out.report(c.span(), "Rust-Shyper gives a VM no emulated UART of its own (its emulated console panics): "
                        + "VM `" + vm.name() + "`'s console at this IPA is left out of its files.")
                        .hint("Under Rust-Shyper the VM's console is a virtio console (hvc0).");
            }
        }
    }

    private static void nocache(Reporter out, VmModel vm, org.shyperc.dsl.source.SourceSpan at) {
        out.report(at, "Rust-Shyper maps a passthrough as Device memory: `nocache` on this passthrough of vm `" + vm.name()
                + "` is left out of its files.")
                .hint("shyperc's own image maps it Normal non-cacheable.");
    }
}
