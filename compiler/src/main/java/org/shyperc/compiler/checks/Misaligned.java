package org.shyperc.compiler.checks;

import java.util.List;
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

/**
 * SHY0302: what stage-2 maps is page aligned: RAM (IPA, PA, size), shared regions and their
 * windows, emulated devices, DRAM banks and the hypervisor's reservation. A passthrough device
 * may sit anywhere in its page, but its IPA must keep the same offset in the page.
 */
public final class Misaligned implements Check {
    @Override
    public Code code() { return Codes.MISALIGNED; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ZERO_SIZE); }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        for (BoardModel.Bank b : board.dram()) {
            String what = "memory bank `" + b.name() + "`";
            base(out, b.span(), what, b.base());
            size(out, b.span(), what, b.size());
        }
        BoardModel.Hyp h = board.hyp();
        base(out, h.reserveSpan(), "hypervisor's reservation", h.reserveBase());
        size(out, h.reserveSpan(), "hypervisor's reservation", h.reserveSize());
        // a load address left out follows the reservation's base, which is judged above
        if (!h.loadSpan().equals(h.reserveSpan())) base(out, h.loadSpan(), "hypervisor's image", h.loadAddress(), "load address");
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            String ram = "RAM of vm `" + vm.name() + "`";
            for (VmModel.Mem m : vm.memory()) {
                if (base(out, m.span(), ram, m.ipa(), "IPA") && m.pinned()) base(out, m.span(), ram, m.pa(), "PA");
                size(out, m.span(), ram, m.size());
            }
            for (VmModel.Window w : vm.windows()) {
                if (Addr.aligned(w.ipa()) && Addr.aligned(w.pa()) && Addr.aligned(w.size())) continue;
                String what = "passthrough window of vm `" + vm.name() + "`";
                if (base(out, w.span(), what, w.ipa(), "IPA")) base(out, w.span(), what, w.pa(), "PA");
                size(out, w.span(), what, w.size());
            }
            for (VmModel.Pt p : vm.passthrough()) {
                if (p.window() != null) continue; // its window is page aligned or reported
                long dev = p.device().base() & (Addr.PAGE - 1);
                if ((p.ipa() & (Addr.PAGE - 1)) != dev) {
                    out.report(p.span(), "Device `" + p.device().name() + "` is at offset " + Hex.of(dev)
                            + " in its page, but its IPA " + Hex.of(p.ipa()) + " is at offset "
                            + Hex.of(p.ipa() & (Addr.PAGE - 1)) + ".")
                            .hint("Stage-2 maps whole pages: use an IPA ending in the same three hex digits, for example "
                                    + Hex.of(Addr.pageDown(p.ipa()) | dev) + ".");
                }
            }
            for (VmModel.Virtio v : vm.virtio()) {
                if (Addr.aligned(v.ipa()) && Addr.aligned(v.size())) continue; // put into words only for a report: a large system has 78k
                String what = "virtio " + v.kind() + " device of vm `" + vm.name() + "`";
                base(out, v.span(), what, v.ipa(), "IPA");
                size(out, v.span(), what, v.size());
            }
            VmModel.ConsoleDev c = vm.console();
            if (c != null && c.span() != null) base(out, c.span(), "console of vm `" + vm.name() + "`", c.ipa(), "IPA");
        }
        for (SharedModel s : in.shared()) {
            String what = "shared region `" + s.name() + "`";
            if (s.pinned()) base(out, s.span(), what, s.pa(), "PA");
            size(out, s.span(), what, s.size());
            for (SharedModel.Mapping m : s.mappings()) {
                base(out, m.span(), "window of vm `" + m.vm() + "` onto `" + s.name() + "`", m.ipa(), "IPA");
            }
        }
    }

    private static boolean base(Reporter out, SourceSpan span, String what, long base) {
        return base(out, span, what, base, "base");
    }

    private static boolean base(Reporter out, SourceSpan span, String what, long base, String kind) {
        if (Addr.aligned(base)) return true;
        // in the last page of the 64-bit space no page starts above (pageUp saturates at TOP, which is not aligned)
        boolean lastPage = Addr.pageDown(base) == Addr.pageDown(Addr.TOP);
        out.report(span, "The " + kind + " " + Hex.of(base) + " of the " + what + " is not 4 KiB aligned.")
                .hint(lastPage ? "The nearest aligned address is " + Hex.of(Addr.pageDown(base)) + ", the last page of the "
                        + "64-bit address space."
                        : "The nearest aligned addresses are " + Hex.of(Addr.pageDown(base)) + " and " + Hex.of(Addr.pageUp(base)) + ".");
        return false;
    }

    private static void size(Reporter out, SourceSpan span, String what, long size) {
        if (Addr.aligned(size)) return;
        boolean lastPage = Addr.pageDown(size) == Addr.pageDown(Addr.TOP);
        out.report(span, "The size " + Hex.size(size) + " of the " + what + " is not a multiple of 4 KiB.")
                .hint(lastPage ? "Round it down to " + Hex.size(Addr.pageDown(size)) + ": rounded up, it would not fit in 64 bits."
                        : "Round it up to " + Hex.size(Addr.pageUp(size)) + ".");
    }
}
