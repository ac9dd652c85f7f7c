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
import org.shyperc.dsl.source.SourceSpan;

/** SHY0303: no range runs past 2^64; the checks after it may then compute ends without wrapping. */
public final class AddressOverflow implements Check {
    @Override
    public Code code() { return Codes.ADDRESS_OVERFLOW; }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        for (BoardModel.Bank b : board.dram()) {
            if (Addr.overflows(b.base(), b.size())) report(out, b.span(), "memory bank `" + b.name() + "`", b.base(), b.size());
        }
        for (BoardModel.Device d : board.devices()) {
            if (Addr.overflows(d.base(), d.size())) report(out, d.span(), "device `" + d.name() + "`", d.base(), d.size());
        }
        for (BoardModel.Frame f : board.intc().frames()) {
            if (Addr.overflows(f.base(), f.size())) report(out, f.span(), "interrupt controller's " + f.name(), f.base(), f.size());
        }
        BoardModel.Hyp h = board.hyp();
        if (Addr.overflows(h.reserveBase(), h.reserveSize())) {
            report(out, h.reserveSpan(), "hypervisor's reservation", h.reserveBase(), h.reserveSize());
        }
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            String ram = "RAM of vm `" + vm.name() + "`";
            for (VmModel.Mem m : vm.memory()) {
                if (Addr.overflows(m.ipa(), m.size())) report(out, m.span(), ram + " (IPA)", m.ipa(), m.size());
                if (m.pinned() && Addr.overflows(m.pa(), m.size())) report(out, m.span(), ram + " (PA)", m.pa(), m.size());
            }
            for (VmModel.Pt p : vm.passthrough()) {
                if (p.window() != null) continue; // the window is tested
                BoardModel.Device d = p.device();
                if (Addr.overflows(p.ipa(), d.size())) {
                    report(out, p.span(), "device `" + d.name() + "` in vm `" + vm.name() + "`", p.ipa(), d.size());
                }
            }
            for (VmModel.Window w : vm.windows()) {
                if (Addr.overflows(w.ipa(), w.size())) {
                    report(out, w.span(), "passthrough window of vm `" + vm.name() + "` (IPA)", w.ipa(), w.size());
                }
                if (Addr.overflows(w.pa(), w.size())) {
                    report(out, w.span(), "passthrough window of vm `" + vm.name() + "` (PA)", w.pa(), w.size());
                }
            }
            for (VmModel.Virtio v : vm.virtio()) {
                if (Addr.overflows(v.ipa(), v.size())) report(out, v.span(), "virtio " + v.kind() + " device", v.ipa(), v.size());
            }
        }
        for (SharedModel s : in.shared()) {
            if (s.pinned() && Addr.overflows(s.pa(), s.size())) report(out, s.span(), "shared region `" + s.name() + "`", s.pa(), s.size());
            for (SharedModel.Mapping m : s.mappings()) {
                if (Addr.overflows(m.ipa(), s.size())) {
                    report(out, m.span(), "window of vm `" + m.vm() + "` onto `" + s.name() + "`", m.ipa(), s.size());
                }
            }
        }
    }

    /** Called once a range overflows: its words are put together only then, as a large system has 100k ranges. */
    private static void report(Reporter out, SourceSpan span, String what, long base, long size) {
        out.report(span, "The " + what + " starts at " + Hex.of(base) + " and is " + Hex.size(size)
                + " long, which runs past the end of the 64-bit address space.")
                .hint("The last address is 0xffff_ffff_ffff_ffff; check the base and the size's unit.");
    }
}
