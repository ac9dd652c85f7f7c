package org.shyperc.compiler.checks;

import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** SHY1107: the instance's config blob is no larger than the runtime reads. */
public final class BlobSize implements Check {
    @Override
    public Code code() { return Codes.BLOB_SIZE; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        long size = ImageEstimate.of(in).blobSize;
        if (size <= RuntimeLimits.MAX_BLOB_SIZE) return;
        out.report(in.systemSpan(), "The configuration of " + in.label() + " takes " + ImageEstimate.approx(size)
                + "; the hypervisor runtime reads at most " + ImageEstimate.approx(RuntimeLimits.MAX_BLOB_SIZE) + ".")
                .hint("It holds an entry per core, DRAM bank, VM, mapping, passthrough interrupt and payload "
                        + "(`SHY_MAX_BLOB_SIZE`): merge regions, or pass through fewer devices.");
    }
}
