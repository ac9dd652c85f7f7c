package org.shyperc.compiler.props;

import static org.shyperc.compiler.props.SystemSpec.GIB;
import static org.shyperc.compiler.props.SystemSpec.MIB;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.quicktheories.core.Gen;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.Gens;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.source.SourceFile;

/**
 * Random VALID systems: a board with 1-2 DRAM banks, devices on pages of their own with SPIs of
 * their own, and VMs with disjoint cores, RAM (placed or pinned), devices and shared regions.
 * The address plan keeps every kind of thing in its own IPA window so validity holds by
 * construction; mutations then break exactly one rule.
 */
final class Systems {
    /** Device SPIs come from [FIRST_DEVICE_SPI, FIRST_VIRTIO_IRQ); emulated ones from above. */
    static final int FIRST_DEVICE_SPI = 34;
    static final int FIRST_VIRTIO_IRQ = 96;
    static final long DEVICE_WINDOW = 0x1000_0000L;
    static final long VIRTIO_WINDOW = 0x0a00_0000L;
    static final long RAM_WINDOW = 0x8000_0000L;
    static final long SHARED_WINDOW = 0xc000_0000L;

    private Systems() { }

    static Gen<SystemSpec> valid(int minVms) {
        return Gens.fromRandom(r -> generate(r, minVms)).describedAs(SystemSpec::text);
    }

    static SystemSpec generate(Random r, int minVms) {
        SystemSpec s = new SystemSpec();
        s.cpus = Math.max(minVms, 1 + r.nextInt(8));
        s.lines = List.of(128, 160, 192, 288, 1020).get(r.nextInt(5));
        s.hypercallIrq = s.lines - 1;
        long base = (1 + r.nextInt(2)) * GIB;
        long size = (1 + r.nextInt(4)) * GIB;
        s.banks.add(new long[] {base, size});
        if (r.nextBoolean()) s.banks.add(new long[] {base + size + GIB, GIB});
        s.reserveBase = base;
        s.reserveSize = (r.nextBoolean() ? 32 : 64) * MIB;
        long[] last = s.banks.get(s.banks.size() - 1);
        long pinTop = last[0] + last[1]; // pinned regions come from the top of the last bank, downwards

        List<Integer> spis = new ArrayList<>();
        for (int i = FIRST_DEVICE_SPI; i < FIRST_VIRTIO_IRQ; i++) spis.add(i);
        Collections.shuffle(spis, r);
        int nDev = r.nextInt(12);
        for (int i = 0; i < nDev; i++) {
            SystemSpec.Dev d = new SystemSpec.Dev();
            d.name = "dev" + i;
            d.base = DEVICE_WINDOW + i * 0x1_0000L + (r.nextBoolean() ? 0 : 0x400);
            d.size = r.nextBoolean() ? 0x100 : 0x400;
            int nIrq = r.nextInt(3);
            for (int k = 0; k < nIrq && !spis.isEmpty(); k++) d.irqs.add(spis.remove(spis.size() - 1));
            d.dma = r.nextInt(4) == 0;
            if (d.dma && r.nextBoolean()) d.iommu = "smmu";
            s.devices.add(d);
        }

        int nVm = Math.max(minVms, 1 + r.nextInt(s.cpus));
        List<Integer> cores = new ArrayList<>();
        for (int i = 0; i < s.cpus; i++) cores.add(i);
        Collections.shuffle(cores, r);
        for (int v = 0; v < nVm; v++) {
            SystemSpec.Vm vm = new SystemSpec.Vm();
            vm.name = "vm" + v;
            vm.cores.add(cores.get(v));
            s.vms.add(vm);
        }
        for (int i = nVm; i < s.cpus; i++) {
            if (r.nextInt(4) > 0) s.vms.get(r.nextInt(nVm)).cores.add(cores.get(i));
        }
        for (SystemSpec.Vm vm : s.vms) {
            Collections.sort(vm.cores);
            if (vm.cores.get(0) == 0 && r.nextBoolean()) vm.management = true;
            int nMem = 1 + r.nextInt(3);
            for (int j = 0; j < nMem; j++) {
                long sz = (512 + r.nextInt(7681)) * 4096L; // 2 MiB .. 32 MiB in pages
                long pa = -1;
                if (r.nextInt(10) < 3) {
                    pinTop -= roundUp(sz, 2 * MIB);
                    pa = pinTop;
                }
                vm.memory.add(new SystemSpec.Region(RAM_WINDOW + j * 0x1000_0000L, sz, pa));
            }
            int nVirtio = r.nextInt(3);
            List<Integer> pool = new ArrayList<>();
            for (int i = FIRST_VIRTIO_IRQ; i < s.hypercallIrq; i++) pool.add(i);
            Collections.shuffle(pool, r);
            for (int k = 0; k < nVirtio; k++) {
                vm.virtio.add(new SystemSpec.Virtio(List.of("blk", "net", "console").get(r.nextInt(3)),
                        VIRTIO_WINDOW + k * 0x1000L, pool.get(k)));
            }
        }
        for (SystemSpec.Dev d : s.devices) {
            if (r.nextInt(10) < 6) s.vms.get(r.nextInt(nVm)).passthrough.add(d.name);
        }
        int nShared = r.nextInt(3);
        for (int k = 0; k < nShared; k++) {
            SystemSpec.Shared sh = new SystemSpec.Shared();
            sh.name = "chan" + k;
            sh.size = r.nextBoolean() ? 2 * MIB : (1 + r.nextInt(64)) * 4096L;
            if (r.nextInt(10) < 3) {
                pinTop -= roundUp(sh.size, 2 * MIB);
                sh.pa = pinTop;
            }
            for (SystemSpec.Vm vm : s.vms) {
                if (r.nextBoolean() || sh.vms.isEmpty() && vm == s.vms.get(nVm - 1)) {
                    sh.vms.add(vm.name);
                    sh.ipas.add(SHARED_WINDOW + k * 0x100_0000L);
                }
            }
            s.shared.add(sh);
        }
        return s;
    }

    static long roundUp(long v, long a) { return (v + a - 1) & -a; }

    static Compilation compile(String text) {
        return new Compiler(Path.of("/gen"), Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("gen.shy", text));
    }
}
