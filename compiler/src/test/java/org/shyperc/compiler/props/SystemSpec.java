package org.shyperc.compiler.props;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated board + system, kept as plain data so a property can mutate one fact and render
 * the result as .shy text: generated inputs go through the parser like a user's would.
 */
final class SystemSpec {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    int cpus;
    int lines;
    int hypercallIrq;
    final List<long[]> banks = new ArrayList<>();   // {base, size}
    long reserveBase;
    long reserveSize;
    final List<Dev> devices = new ArrayList<>();
    final List<Vm> vms = new ArrayList<>();
    final List<Shared> shared = new ArrayList<>();

    static final class Dev {
        String name;
        long base;
        long size;
        List<Integer> irqs = new ArrayList<>();
        boolean dma;
        String iommu;
    }

    static final class Region {
        long ipa;
        long size;
        long pa = -1; // -1: placed by the compiler

        Region(long ipa, long size, long pa) {
            this.ipa = ipa;
            this.size = size;
            this.pa = pa;
        }
    }

    static final class Virtio {
        String kind;
        long ipa;
        int irq;

        Virtio(String kind, long ipa, int irq) {
            this.kind = kind;
            this.ipa = ipa;
            this.irq = irq;
        }
    }

    static final class Vm {
        String name;
        boolean management;
        List<Integer> cores = new ArrayList<>();
        List<Region> memory = new ArrayList<>();
        List<String> passthrough = new ArrayList<>();
        List<Virtio> virtio = new ArrayList<>();
    }

    static final class Shared {
        String name;
        long size;
        long pa = -1;
        List<String> vms = new ArrayList<>();
        List<Long> ipas = new ArrayList<>();
    }

    String boardText() {
        StringBuilder b = new StringBuilder();
        b.append("board gen {\n    arch aarch64\n    cpus ").append(cpus).append('\n');
        for (int i = 0; i < banks.size(); i++) {
            b.append("    memory bank").append(i).append(" @ ").append(hex(banks.get(i)[0])).append(" size ")
                    .append(hex(banks.get(i)[1])).append('\n');
        }
        b.append("""
                    gic v2 {
                        distributor @ 0x0800_0000 size 64 KiB
                        cpu-interface @ 0x0801_0000 size 64 KiB
                        hyp-interface @ 0x0803_0000 size 64 KiB
                        virtual-cpu-interface @ 0x0804_0000 size 64 KiB
                        maintenance-irq 25
                """);
        b.append("        lines ").append(lines).append("\n    }\n");
        b.append("    device uart0 \"arm,pl011\" @ 0x0900_0000 size 4 KiB irq 33\n");
        for (Dev d : devices) {
            b.append("    device ").append(d.name).append(" \"gen,dev\" @ ").append(hex(d.base)).append(" size ").append(hex(d.size));
            if (!d.irqs.isEmpty()) b.append(" irq ").append(d.irqs);
            if (d.dma || d.iommu != null) {
                b.append(" {");
                if (d.dma) b.append(" dma");
                if (d.iommu != null) b.append(" iommu ").append(d.iommu).append(" stream 7");
                b.append(" }");
            }
            b.append('\n');
        }
        b.append("    hypervisor { reserve @ ").append(hex(reserveBase)).append(" size ").append(hex(reserveSize))
                .append("; console uart0; timer-irq 26; ipi-sgi 1; hypercall-irq ").append(hypercallIrq).append(" }\n}\n");
        return b.toString();
    }

    String systemText() {
        StringBuilder b = new StringBuilder("system gen-sys for gen {\n");
        for (Vm vm : vms) {
            b.append("    vm ").append(vm.name).append(" : linux").append(vm.management ? " management" : "").append(" {\n");
            b.append("        cpus ").append(vm.cores).append('\n');
            for (Region r : vm.memory) {
                b.append("        memory @ ").append(hex(r.ipa)).append(" size ").append(hex(r.size));
                if (r.pa != -1) b.append(" at pa ").append(hex(r.pa));
                b.append('\n');
            }
            b.append("        kernel \"Image\" @ ").append(hex(vm.memory.get(0).ipa + 0x8_0000)).append('\n');
            for (String p : vm.passthrough) b.append("        passthrough ").append(p).append('\n');
            for (Virtio v : vm.virtio) {
                b.append("        virtio ").append(v.kind).append(" @ ").append(hex(v.ipa)).append(" irq ").append(v.irq).append('\n');
            }
            b.append("    }\n");
        }
        for (Shared s : shared) {
            b.append("    shared ").append(s.name).append(" size ").append(hex(s.size));
            if (s.pa != -1) b.append(" at pa ").append(hex(s.pa));
            b.append(" {");
            for (int i = 0; i < s.vms.size(); i++) b.append(' ').append(s.vms.get(i)).append(" @ ").append(hex(s.ipas.get(i))).append(" rw;");
            b.append(" }\n");
        }
        return b.append("}\n").toString();
    }

    /** Board and system in one file. */
    String text() { return boardText() + "\n" + systemText(); }

    static String hex(long v) { return "0x" + Long.toHexString(v); }
}
