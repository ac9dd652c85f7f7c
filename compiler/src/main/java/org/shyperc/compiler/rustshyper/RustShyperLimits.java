package org.shyperc.compiler.rustshyper;

import java.util.List;
import java.util.Locale;
import org.shyperc.plan.BoardPlan;

/**
 * What Rust-Shyper can hold, in one place: the checks that warn about its limits (check, the
 * language server, pre-commit) and the exporter that writes its files read these, so they
 * cannot disagree. Facts: docs/rust-shyper.md (Rust-Shyper master 62a2053).
 */
public final class RustShyperLimits {
    private RustShyperLimits() { }

    /** VM names are copied into a 32-byte C buffer: 32 bytes or more panics the hypervisor. */
    public static final int NAME_LIMIT = 32;
    /** The CLI copies the kernel file name into a 32-byte buffer and NUL-terminates it: at most 31 bytes. */
    public static final int FILENAME_LIMIT = 32;
    /** The guest DTB builder keeps two interrupt cells per DTB device; more overflows. */
    public static final int DTB_IRQ_LIMIT = 2;
    /** `VM_MEM_REGION_MAX`: declared, never checked; more regions are not handled. */
    public static final int MEMORY_REGION_LIMIT = 4;
    /** The hypervisor's VM table. */
    public static final int VM_LIMIT = 8;
    /** A virtio-blk sector, the unit of `cfg_list` [first sector, sector count]. */
    public static final long SECTOR = 512;

    /**
     * The boards Rust-Shyper has support code for, each with the name its `src/config/mod.rs`
     * includes the management VM's static config by, and the kernel image name its MVM loader
     * (`src/vmm/init.rs`) dispatches on (null: any non-empty name).
     */
    public enum Platform {
        QEMU("qemu_def.rs", null),
        PI4("pi4_def.rs", null),
        TX2("tx2_def.rs", "L4T"),
        RK3588("rk3588_def.rs", "Linux-5.10"),
        QEMU_RISCV64("qemu_riscv64_def.rs", null);

        public final String defFile;
        public final String mvmKernelName;

        Platform(String defFile, String mvmKernelName) {
            this.defFile = defFile;
            this.mvmKernelName = mvmKernelName;
        }

        /** Raspberry Pi 4: the hypervisor rewrites the MVM's device tree so its GIC sits at base | this. */
        public static final long PI4_MVM_GIC_OFFSET = 0xF_0000_0000L;
    }

    /**
     * Which of Rust-Shyper's platforms a board is, from its root compatible strings (the SoC's,
     * as the DTB says it), or null for a board Rust-Shyper has no support for. QEMU's virt machine
     * says `linux,dummy-virt` on aarch64 and `riscv-virtio` on riscv64.
     */
    public static Platform platform(BoardPlan.Arch arch, List<String> compatible) {
        for (String c : compatible) {
            switch (c.toLowerCase(Locale.ROOT)) {
                case "riscv-virtio" -> { return arch == BoardPlan.Arch.RISCV64 ? Platform.QEMU_RISCV64 : null; }
                case "linux,dummy-virt" -> { return arch == BoardPlan.Arch.AARCH64 ? Platform.QEMU : null; }
                case "brcm,bcm2711" -> { return Platform.PI4; }
                case "nvidia,tegra186" -> { return Platform.TX2; }
                case "rockchip,rk3588", "rockchip,rk3588s" -> { return Platform.RK3588; }
                default -> { }
            }
        }
        return null;
    }
}
