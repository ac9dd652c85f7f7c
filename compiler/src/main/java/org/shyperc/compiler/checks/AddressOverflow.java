package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import java.util.function.Supplier;
import org.shyperc.dsl.source.SourceSpan;

/** SHY0303: no range runs past 2^64; the checks after it may then compute ends without wrapping. */
public final class AddressOverflow implements Check {
    @Override
    public Code code() { return Codes.ADDRESS_OVERFLOW; }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        for (BoardModel.Bank b : board.dram()) test(out, b.span(), () -> "memory bank `" + b.name() + "`", b.base(), b.size());
        for (BoardModel.Device d : board.devices()) test(out, d.span(), () -> "device `" + d.name() + "`", d.base(), d.size());
        for (BoardModel.Frame f : board.intc().frames()) test(out, f.span(), () -> "interrupt controller's " + f.name(), f.base(), f.size());
        BoardModel.Hyp h = board.hyp();
        test(out, h.reserveSpan(), () -> "hypervisor's reservation", h.reserveBase(), h.reserveSize());
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            String ram = "RAM of vm `" + vm.name() + "`";
            for (VmModel.Mem m : vm.memory()) {
                test(out, m.span(), () -> ram + " (IPA)", m.ipa(), m.size());
                if (m.pinned()) test(out, m.span(), () -> ram + " (PA)", m.pa(), m.size());
            }
            for (VmModel.Pt p : vm.passthrough()) {
                if (p.window() != null) continue; // the window is tested
                test(out, p.span(), () -> "device `" + p.device().name() + "` in vm `" + vm.name() + "`", p.ipa(), p.device().size());
            }
            for (VmModel.Window w : vm.windows()) {
                test(out, w.span(), () -> "passthrough window of vm `" + vm.name() + "` (IPA)", w.ipa(), w.size());
                test(out, w.span(), () -> "passthrough window of vm `" + vm.name() + "` (PA)", w.pa(), w.size());
            }
            for (VmModel.Virtio v : vm.virtio()) test(out, v.span(), () -> "virtio " + v.kind() + " device", v.ipa(), v.size());
        }
        for (SharedModel s : in.shared()) {
            if (s.pinned()) test(out, s.span(), () -> "shared region `" + s.name() + "`", s.pa(), s.size());
            for (SharedModel.Mapping m : s.mappings()) {
                test(out, m.span(), () -> "window of vm `" + m.vm() + "` onto `" + s.name() + "`", m.ipa(), s.size());
            }
        }
    }

    private static void test(Reporter out, SourceSpan span, Supplier<String> what, long base, long size) {
        if (!Addr.overflows(base, size)) return;
        out.report(span, "The " + what.get() + " starts at " + Hex.of(base) + " and is " + Hex.size(size)
                + " long, which runs past the end of the 64-bit address space.")
                .hint("The last address is 0xffff_ffff_ffff_ffff; check the base and the size's unit.");
    }
}
