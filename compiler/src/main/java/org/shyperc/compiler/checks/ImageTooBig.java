package org.shyperc.compiler.checks;

import java.util.List;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0705: the image, and the pool the runtime takes after it, fit the hypervisor's reservation
 * from its load address. Worked out from the payloads' sizes before anything is linked (skipped
 * while a payload's file is missing: SHY0701 says so), with the runtime at its largest (see
 * {@link RuntimeLimits#RUNTIME_MAX_SIZE}) and each device tree at the 64 KiB kept for it.
 */
public final class ImageTooBig implements Check {
    @Override
    public Code code() { return Codes.IMAGE_TOO_BIG; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.ADDRESS_OVERFLOW, Codes.MISALIGNED); }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        BoardModel.Hyp h = in.board().hyp();
        long end = Addr.end(h.reserveBase(), h.reserveSize());
        if (Long.compareUnsigned(h.loadAddress(), h.reserveBase()) < 0 || Long.compareUnsigned(h.loadAddress(), end) >= 0) {
            out.report(h.loadSpan(), "The hypervisor's load address " + Hex.of(h.loadAddress()) + " is not inside its reservation "
                    + Addr.range(h.reserveBase(), h.reserveSize()) + ".")
                    .related(h.reserveSpan(), "the reservation is declared here")
                    .hint("The image is loaded, and the runtime keeps its tables, inside the reservation: load it at "
                            + Hex.of(h.reserveBase() + 0x80000) + ", or leave `load` out.");
            return;
        }
        ImageEstimate e = ImageEstimate.of(in, out);
        if (e.imageSize < 0) return;
        long room = end - h.loadAddress();
        if (Long.compareUnsigned(e.imageSize + e.poolSize, room) <= 0) return;
        out.report(in.systemSpan(), "The image of " + in.label() + " and the runtime's tables need up to "
                + ImageEstimate.approx(e.imageSize + e.poolSize) + ", but the hypervisor's reservation holds "
                + ImageEstimate.approx(room) + " from the load address " + Hex.of(h.loadAddress()) + ".")
                .related(h.reserveSpan(), "the reservation is declared here")
                .hint("Payloads " + ImageEstimate.approx(e.payloads) + (e.largest == null ? "" : " (the largest, `"
                        + e.largest.path() + "` of vm `" + e.largestVm + "`, " + ImageEstimate.approx(e.largest.size()) + ")")
                        + ", runtime at most " + ImageEstimate.approx(RuntimeLimits.RUNTIME_MAX_SIZE) + ", configuration "
                        + ImageEstimate.approx(e.blobSize) + ", page tables and stacks " + ImageEstimate.approx(e.poolSize)
                        + ": grow `reserve`, or shrink the payloads.");
    }
}
