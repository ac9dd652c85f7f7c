package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.shyperc.abi.BlobLayout;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.compiler.check.Derived;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.MapEntry;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.plan.Mapping;

/**
 * What the shyper image of an instance will take, worked out before there is one, from the
 * runtime's ABI: the config blob's tables, the payloads (when their sizes are known) and the pool
 * the runtime takes after the image. Every figure is an upper bound of what the image linker and
 * the runtime use, so a system these fit always links and boots.
 */
final class ImageEstimate {
    final long blobSize;
    /** Stage-2 regions of all VMs together (the blob's region table). */
    final long regions;
    /** -1 when a payload's size is unknown (its file is missing). */
    final long imageSize;
    final long payloads;
    final long poolSize;
    /** The largest payload, for the hint; null when there is none. */
    final VmModel.Payload largest;
    final String largestVm;

    private ImageEstimate(long blobSize, long regions, long imageSize, long payloads, long poolSize, VmModel.Payload largest,
                          String largestVm) {
        this.blobSize = blobSize;
        this.regions = regions;
        this.imageSize = imageSize;
        this.payloads = payloads;
        this.poolSize = poolSize;
        this.largest = largest;
        this.largestVm = largestVm;
    }

    /** Read by up to three checks of an instance: made once per instance. */
    static final Derived.Key<ImageEstimate> ESTIMATE = new Derived.Key<>(new Make());

    /** The estimate for {@code in}, shared by the checks {@code out} reports for. */
    static ImageEstimate of(Instance in, Reporter out) { return out.derived(ESTIMATE, in); }

    static ImageEstimate of(Instance in) {
        BoardModel b = in.board();
        long regions = 0;
        long irqs = 0;
        long payloadCount = 0;
        long payloadBytes = 0;
        boolean unknown = false;
        long tables = 0;
        VmModel.Payload largest = null;
        String largestVm = null;
        for (VmModel vm : in.vms()) {
            // the config blob's regions: everything but the runtime's own emulated windows
            // stage 2's level-1 table; on riscv64 the G-stage's 16 KiB root
            tables += b.arch() == org.shyperc.plan.BoardPlan.Arch.RISCV64 ? RuntimeLimits.RISCV64_ROOT_PAGES : 1;
            for (MapEntry e : vm.map()) {
                Mapping m = e.mapping();
                if (m.kind().mapped() || m.kind() == Mapping.Kind.VIRTIO) {
                    if (m.kind() != Mapping.Kind.VGIC_CPU_INTERFACE) regions++;
                }
                if (m.coloured()) tables += RuntimeLimits.stage2ColouredTablePages(m.ipa(), m.size());
                else if (m.kind().mapped()) tables += RuntimeLimits.stage2TablePages(m.ipa(), m.pa(), m.size());
            }
            irqs += distinctIrqs(vm);
            // kernel, device tree (generated: at most the room kept for it), initrd
            payloadCount += 1;
            payloadBytes += pageUp(VmModel.DTB_MAX);
            for (VmModel.Payload p : new VmModel.Payload[] {vm.kernel(), vm.initrd()}) {
                if (p == null) continue;
                payloadCount++;
                if (p.size() < 0) {
                    unknown = true;
                    continue;
                }
                payloadBytes += pageUp(p.size());
                if (largest == null || p.size() > largest.size()) {
                    largest = p;
                    largestVm = vm.name();
                }
            }
        }
        List<long[]> dram = new ArrayList<>();
        for (BoardModel.Bank bank : b.dram()) dram.add(new long[] {bank.base(), bank.size()});
        tables += RuntimeLimits.el2TablePages(dram);
        Set<Integer> cores = new HashSet<>();
        for (VmModel vm : in.vms()) for (VmModel.CoreRef c : vm.cpus()) cores.add(c.core());
        // a stack for each core that runs a vCPU, and one for the boot core if it runs none
        long pool = tables * RuntimeLimits.PAGE_SIZE + (cores.size() + 1L) * RuntimeLimits.STACK_SIZE;
        long doorbells = 0;
        for (SharedModel s : in.shared()) doorbells += s.doorbells().size();
        long blob = BlobLayout.size(b.cores().size(), b.dram().size(), in.vms().size(), regions, irqs, payloadCount, doorbells);
        long image = unknown ? -1 : RuntimeLimits.RUNTIME_MAX_SIZE + pageUp(blob) + payloadBytes;
        return new ImageEstimate(blob, regions, image, payloadBytes, pool, largest, largestVm);
    }

    /** How many distinct interrupts the VM's passthrough devices have (sorted ints: a set of boxed ones cost more than the rest). */
    static int distinctIrqs(VmModel vm) {
        int n = 0;
        for (VmModel.Pt p : vm.passthrough()) n += p.device().irqs().size();
        int[] ids = new int[n];
        n = 0;
        for (VmModel.Pt p : vm.passthrough()) {
            List<BoardModel.Irq> irqs = p.device().irqs();
            for (int k = 0; k < irqs.size(); k++) ids[n++] = irqs.get(k).id();
        }
        Arrays.sort(ids);
        int distinct = 0;
        for (int k = 0; k < ids.length; k++) if (k == 0 || ids[k] != ids[k - 1]) distinct++;
        return distinct;
    }

    static long pageUp(long v) {
        return (v + RuntimeLimits.PAGE_SIZE - 1) & -RuntimeLimits.PAGE_SIZE;
    }

    /** "1.5 MiB", "12 KiB": sizes for a message that adds several up. */
    static String approx(long bytes) {
        if (bytes < (1L << 20)) return ((bytes + 1023) >> 10) + " KiB";
        long tenths = (bytes * 10 + (1L << 20) - 1) >> 20;
        return tenths % 10 == 0 ? (tenths / 10) + " MiB" : (tenths / 10) + "." + (tenths % 10) + " MiB";
    }

    /** Makes the estimate for {@link #ESTIMATE}. */
    private static final class Make implements Function<Instance, ImageEstimate> {
        @Override
        public ImageEstimate apply(Instance in) { return of(in); }
    }
}
