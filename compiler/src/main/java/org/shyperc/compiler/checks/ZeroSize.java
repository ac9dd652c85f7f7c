package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0301: every region, shared region, device and frame has a size greater than zero. */
public final class ZeroSize implements Check {
    @Override
    public Code code() { return Codes.ZERO_SIZE; }

    @Override
    public void checkBoard(BoardModel board, Reporter out) {
        for (BoardModel.Bank b : board.dram()) {
            if (b.size() == 0) out.report(b.span(), "The memory bank `" + b.name() + "` has size zero.").hint("Give its real size.");
        }
        for (BoardModel.Device d : board.devices()) {
            if (d.size() == 0) {
                out.report(d.span(), "The device `" + d.name() + "` has size zero.")
                        .hint("Give the size of its register frame; one page, `4 KiB`, is typical.");
            }
        }
        for (BoardModel.Frame f : board.intc().frames()) {
            if (f.size() == 0) out.report(f.span(), "The interrupt controller's " + f.name() + " frame has size zero.");
        }
        if (board.hyp().reserveSize() == 0) {
            out.report(board.hyp().reserveSpan(), "The hypervisor's reservation has size zero.")
                    .hint("The hypervisor needs room for its code, data and stage-2 tables; 32 MiB is typical.");
        }
    }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            for (VmModel.Mem m : vm.memory()) {
                if (m.size() == 0) {
                    out.report(m.span(), "This memory region of vm `" + vm.name() + "` has size zero.")
                            .hint("Give it a size (RAM is mapped in 4 KiB pages), or delete the line.");
                }
            }
            for (VmModel.Window w : vm.windows()) {
                if (w.size() == 0) {
                    out.report(w.span(), "This passthrough window of vm `" + vm.name() + "` has size zero.")
                            .hint("Give the size of the address range to hand over, or delete the line.");
                }
            }
            for (VmModel.Virtio v : vm.virtio()) {
                if (v.size() == 0) {
                    out.report(v.span(), "The virtio " + v.kind() + " device of vm `" + vm.name() + "` has size zero.")
                            .hint("Leave `size` out for the usual 4 KiB.");
                }
            }
        }
        for (SharedModel s : in.shared()) {
            if (s.size() == 0) {
                out.report(s.span(), "The shared region `" + s.name() + "` has size zero.")
                        .hint("A channel needs at least one 4 KiB page.");
            }
        }
    }
}
