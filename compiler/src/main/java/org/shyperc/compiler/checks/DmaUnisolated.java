package org.shyperc.compiler.checks;

import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY0504 (warning): a DMA-capable passthrough device without an IOMMU stream confining it. */
public final class DmaUnisolated implements Check {
    @Override
    public Code code() { return Codes.DMA_UNISOLATED; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            for (VmModel.Pt p : vm.passthrough()) {
                if (!p.device().dma() || p.device().iommu() != null) continue;
                out.report(p.span(), "Device `" + p.device().name() + "` can master the bus and has no IOMMU stream, "
                        + "so vm `" + vm.name() + "` can use it to read and write every VM's memory.")
                        .related(p.device().span(), "the device is declared with `dma` here")
                        .hint("If the board has an IOMMU for it, add `iommu NAME stream ID` to the device's block; "
                                + "otherwise treat vm `" + vm.name() + "` as trusted.");
            }
        }
    }
}
