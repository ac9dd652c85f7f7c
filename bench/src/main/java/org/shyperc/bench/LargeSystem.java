package org.shyperc.bench;

/**
 * Writes one .shy file (board + system) with about {@code n} RAM regions, {@code n} devices and
 * {@code n} interrupt uses, all valid, so a benchmark measures the whole front end on a clean
 * input. Interrupts are bounded by the GIC: SPIs are distinct per board (at most ~900 here), so
 * the rest are emulated virtio interrupts, distinct per VM.
 */
public final class LargeSystem {
    static final long KIB = 1024;
    static final long MIB = KIB * KIB;
    static final long GIB = MIB * KIB;
    static final long DRAM_BASE = 0x4000_0000L;
    static final long RESERVE = 32 * MIB;
    static final long DEVICE_BASE = 0x10_0000_0000L;
    static final int MAX_VMS = 1000;
    static final int DEVICE_SPIS = 900;        // INTIDs 34..933
    static final int FIRST_VIRTIO_IRQ = 940;   // INTIDs 940..1017 per VM
    static final int VIRTIO_PER_VM = 78;
    static final long FIRST_REGION = 4 * MIB;  // room for the kernel and the device tree
    static final long REGION = 64 * KIB;

    private LargeSystem() { }

    /** What a generated system holds, for tests and the README. */
    public record Shape(int vms, int regions, int devices, int irqUses, int shared) { }

    public static Shape shape(int n) {
        int vms = vms(n);
        int virtio = virtioPerVm(n, vms);
        return new Shape(vms, Math.max(n, vms), n, Math.min(n, DEVICE_SPIS) + virtio * vms, shared(vms));
    }

    static int vms(int n) { return Math.max(1, Math.min(MAX_VMS, n / 100)); }

    static int shared(int vms) { return Math.max(1, vms / 10); }

    static int virtioPerVm(int n, int vms) {
        return Math.min(VIRTIO_PER_VM, Math.max(1, (n - Math.min(n, DEVICE_SPIS)) / vms));
    }

    public static String text(int n) {
        int vms = vms(n);
        int regions = Math.max(n, vms);
        int shared = shared(vms);
        long dram = RESERVE + vms * FIRST_REGION + (long) regions * REGION + shared * 2 * MIB;
        dram = ((dram + GIB - 1) / GIB + 1) * GIB;
        StringBuilder b = new StringBuilder(n * 120 + 4096);
        b.append("board big {\n  arch aarch64\n  cpus ").append(vms).append('\n');
        b.append("  memory dram @ ").append(hex(DRAM_BASE)).append(" size ").append(hex(dram)).append('\n');
        b.append("""
                  gic v2 {
                    distributor @ 0x0800_0000 size 64 KiB
                    cpu-interface @ 0x0801_0000 size 64 KiB
                    hyp-interface @ 0x0803_0000 size 64 KiB
                    virtual-cpu-interface @ 0x0804_0000 size 64 KiB
                    maintenance-irq 25
                    lines 1020
                  }
                  device uart0 "arm,pl011" @ 0x0900_0000 size 4 KiB irq 33
                """);
        for (int i = 0; i < n; i++) {
            b.append("  device d").append(i).append(" \"x,dev\" @ ").append(hex(DEVICE_BASE + i * 4 * KIB)).append(" size 4 KiB");
            if (i < DEVICE_SPIS) b.append(" irq ").append(34 + i);
            b.append('\n');
        }
        b.append("  hypervisor { reserve @ 0x4000_0000 size 32 MiB; console uart0; hypercall-irq 1019 }\n}\n\n");

        b.append("system large for big {\n");
        long pinTop = DRAM_BASE + dram; // pinned regions from the top down; the rest placed by shyperc
        int virtio = virtioPerVm(n, vms);
        for (int v = 0; v < vms; v++) {
            b.append("  vm v").append(v).append(" : baremetal").append(v == 0 ? " management" : "").append(" {\n");
            b.append("    cpus [").append(v).append("]\n");
            b.append("    kernel \"Image\" @ 0x4008_0000\n");
            b.append("    memory @ 0x4000_0000 size 4 MiB\n");
            int own = regions / vms + (v == 0 ? regions % vms : 0);
            for (int j = 1; j < own; j++) {
                b.append("    memory @ ").append(hex(DRAM_BASE + FIRST_REGION + (j - 1) * REGION)).append(" size 64 KiB");
                if (j % 2 == 0) {
                    pinTop -= REGION;
                    b.append(" at pa ").append(hex(pinTop));
                }
                b.append('\n');
            }
            for (int i = v; i < n; i += vms) b.append("    passthrough d").append(i).append('\n');
            for (int k = 0; k < virtio; k++) {
                b.append("    virtio blk @ ").append(hex(0x0a00_0000L + k * 4 * KIB)).append(" irq ").append(FIRST_VIRTIO_IRQ + k).append('\n');
            }
            b.append("  }\n");
        }
        for (int k = 0; k < shared; k++) {
            b.append("  shared s").append(k).append(" size 2 MiB {");
            b.append(" v").append((2 * k) % vms).append(" @ ").append(hex(0x8000_0000L + k * 2 * MIB)).append(" rw;");
            if (vms > 1) b.append(" v").append((2 * k + 1) % vms).append(" @ ").append(hex(0x8000_0000L + k * 2 * MIB)).append(" ro;");
            b.append(" }\n");
        }
        return b.append("}\n").toString();
    }

    static String hex(long v) { return "0x" + Long.toHexString(v); }
}
