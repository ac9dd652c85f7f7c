package org.shyperc.codegen.image;

import org.shyperc.abi.BlobLayout;
import org.shyperc.compiler.rustshyper.RustShyperLimits;
import org.shyperc.plan.BoardPlan;

/** The blob header's flags a build asks for: the defaults of the board, then the options of `shyperc build/run`. */
public final class BlobFlags {
    private BlobFlags() { }

    /**
     * Whether the board is one of QEMU's virt machines (aarch64 `linux,dummy-virt`, riscv64 `riscv-virtio`, as its root
     * compatible says): their RAM is zero at power-on and a reset reloads the same image, so the runtime need not zero
     * the VMs' RAM there (docs/decisions.md).
     */
    public static boolean ramZeroAtPowerOn(BoardPlan board) {
        RustShyperLimits.Platform p = RustShyperLimits.platform(board.arch(), board.compatible());
        return p == RustShyperLimits.Platform.QEMU || p == RustShyperLimits.Platform.QEMU_RISCV64;
    }

    /**
     * @param trapStats `--trap-stats`: the runtime prints its traps by cause at power-off
     * @param zeroRam   `--zero-ram`: zero every VM's RAM at boot on QEMU's machines too (every other board has it anyway)
     */
    public static int of(BoardPlan board, boolean trapStats, boolean zeroRam) {
        return (trapStats ? BlobLayout.FLAG_TRAP_STATS : 0)
                | (zeroRam || !ramZeroAtPowerOn(board) ? BlobLayout.FLAG_ZERO_RAM : 0);
    }
}
