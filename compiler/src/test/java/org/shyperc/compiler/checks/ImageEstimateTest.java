package org.shyperc.compiler.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shyperc.abi.BlobLayout;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;

/**
 * SHY0705's estimate of the shyper image (its message shows only rounded sums, so the corpus
 * cannot tell a payload or interrupt miscounted by one: PIT showed those mutants surviving).
 */
class ImageEstimateTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Instance instance(String file) {
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compile(List.of(ROOT.resolve(file)));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        return c.instances().get(0).instance();
    }

    @Test
    void sizesInKibibytesBelowOneMebibyteAndInTenthsOfOneAbove() {
        assertEquals("0 KiB", ImageEstimate.approx(0));
        assertEquals("1 KiB", ImageEstimate.approx(1));
        assertEquals("1024 KiB", ImageEstimate.approx((1L << 20) - 1));
        assertEquals("1 MiB", ImageEstimate.approx(1L << 20));
        assertEquals("1.1 MiB", ImageEstimate.approx((1L << 20) + 1)); // rounded up, never down
        assertEquals("1.5 MiB", ImageEstimate.approx(3L << 19));
        assertEquals("12 MiB", ImageEstimate.approx(12L << 20));
    }

    /** Four VMs with the same 4 KiB kernel, one with a 7-byte initrd: each payload is rounded up to pages. */
    @Test
    void payloadsAreEachVmsDeviceTreeKernelAndInitrdInWholePages() {
        ImageEstimate e = ImageEstimate.of(instance("tests/diagnostics/images/kernel-misaligned.shy"));
        assertEquals(4 * (VmModel.DTB_MAX + 4096) + 4096, e.payloads);
        assertEquals(RuntimeLimits.RUNTIME_MAX_SIZE + ImageEstimate.pageUp(e.blobSize) + e.payloads, e.imageSize);
        assertEquals("a", e.largestVm, "of payloads of one size, the first is named");
        assertEquals("../_lib/kernel.bin", e.largest.path());
    }

    /** The config blob is sized for every core, bank, VM, region, passed-through interrupt and payload. */
    @Test
    void theBlobCountsEachVmsDistinctInterruptsAndItsPayloads() {
        Instance in = instance("examples/qemu-virt/system.shy");
        long irqs = 0;
        long payloads = 0;
        for (VmModel vm : in.vms()) {
            Set<Integer> ids = new HashSet<>();
            for (VmModel.Pt p : vm.passthrough()) for (BoardModel.Irq i : p.device().irqs()) ids.add(i.id());
            irqs += ids.size();
            payloads += 1 + (vm.kernel() == null ? 0 : 1) + (vm.initrd() == null ? 0 : 1);
        }
        BoardModel b = in.board();
        ImageEstimate e = ImageEstimate.of(in);
        assertFalse(irqs == 0, "the example passes a device with interrupts through");
        assertEquals(BlobLayout.size(b.cores().size(), b.dram().size(), in.vms().size(), e.regions, irqs, payloads), e.blobSize);
    }
}
