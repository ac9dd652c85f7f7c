package org.shyperc.compiler.checks;

import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY1107: the VMs together map no more regions than the runtime proves disjoint. That bound also
 * keeps the config blob far below the 1 MiB the runtime reads.
 */
public final class RegionCount implements Check {
    @Override
    public Code code() { return Codes.REGION_COUNT; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        long regions = ImageEstimate.of(in, out).regions;
        if (regions <= RuntimeLimits.MAX_REGIONS) return;
        out.report(in.systemSpan(), "The VMs of " + in.label() + " map " + regions + " regions; the hypervisor runtime "
                + "holds at most " + RuntimeLimits.MAX_REGIONS + ".")
                .hint("Each RAM region, passthrough device, shared window and virtio device of every VM is one "
                        + "(`SHY_MAX_REGIONS`): merge RAM regions, or pass through fewer devices.");
    }
}
