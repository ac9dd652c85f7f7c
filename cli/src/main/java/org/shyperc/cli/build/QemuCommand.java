package org.shyperc.cli.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.Plan;

/** The QEMU command line that stands in for a board: derived from the board, never hand-kept. */
public final class QemuCommand {
    private QemuCommand() { }

    /** QEMU riscv virt's RAM starts here; OpenSBI keeps its first 2 MiB. */
    static final long RISCV_RAM_BASE = 0x8000_0000L;

    /** Only QEMU's own virt machines can be run (aarch64 and riscv64); real hardware boards cannot. */
    public static boolean canRun(Plan plan) {
        BoardPlan b = plan.board();
        return switch (b.arch()) {
            case AARCH64 -> b.compatible().contains("linux,dummy-virt");
            case RISCV64 -> b.compatible().contains("riscv-virtio");
        };
    }

    /** The command line that boots {@code elf}; only for a plan {@link #canRun} accepts. */
    public static List<String> forPlan(Plan plan, Path elf) {
        BoardPlan b = plan.board();
        if (!canRun(plan)) throw new IllegalArgumentException("board " + b.name() + " is not a QEMU board");
        return b.arch() == BoardPlan.Arch.RISCV64 ? riscv64(b, elf) : aarch64(b, elf);
    }

    private static List<String> aarch64(BoardPlan b, Path elf) {
        InterruptControllerPlan.Kind gic = b.interruptController().kind();
        long ram = 0;
        for (BoardPlan.MemoryBank m : b.dram()) ram += m.size();
        String cpu = b.cpus().get(0).compatible().replace("arm,", "");
        return new ArrayList<>(List.of(binary(b.arch()),
                "-machine", "virt,virtualization=on,gic-version=" + (gic == InterruptControllerPlan.Kind.GICV3 ? "3" : "2"),
                "-cpu", cpu, "-nic", "none",
                "-smp", String.valueOf(b.cpus().size()),
                "-m", (ram >> 20) + "M",
                "-nographic", "-no-reboot", "-semihosting",
                "-kernel", elf.toString()));
    }

    /**
     * QEMU's riscv virt with the H extension (on in `-cpu rv64`) and QEMU's own OpenSBI (`-bios default`), which
     * enters the image in HS-mode. Its RAM is one bank from 0x8000_0000 to the end of the board's last DRAM bank.
     */
    private static List<String> riscv64(BoardPlan b, Path elf) {
        long end = RISCV_RAM_BASE;
        for (BoardPlan.MemoryBank m : b.dram()) end = Math.max(end, m.end());
        long mib = (end - RISCV_RAM_BASE + (1L << 20) - 1) >> 20;
        return new ArrayList<>(List.of(binary(b.arch()),
                "-machine", "virt", "-cpu", "rv64", "-nic", "none",
                "-smp", String.valueOf(b.cpus().size()),
                "-m", mib + "M",
                "-nographic", "-no-reboot", "-semihosting", "-bios", "default",
                "-kernel", elf.toString()));
    }

    /**
     * The QEMU for an architecture: `qemu-system-aarch64` or `qemu-system-riscv64` from PATH, or the program that
     * SHYPERC_QEMU_AARCH64 / SHYPERC_QEMU_RISCV64 names (another build of QEMU). SHYPERC_QEMU, the older name, still
     * picks the aarch64 one.
     */
    static String binary(BoardPlan.Arch arch) {
        String name = arch.name().toLowerCase(Locale.ROOT);
        String chosen = System.getenv("SHYPERC_QEMU_" + arch.name());
        if ((chosen == null || chosen.isBlank()) && arch == BoardPlan.Arch.AARCH64) chosen = System.getenv("SHYPERC_QEMU");
        return chosen == null || chosen.isBlank() ? "qemu-system-" + name : chosen;
    }

    /** The Debian package with the QEMU for an architecture. */
    public static String debianPackage(String qemuProgram) {
        return qemuProgram.contains("riscv") ? "qemu-system-misc" : "qemu-system-arm";
    }

    /** One line telling the user what to do about QEMU's own start-up error {@code qemuLine}. */
    public static String fixFor(String qemuLine) {
        String l = qemuLine.toLowerCase(java.util.Locale.ROOT);
        String why = qemuLine.replaceFirst("^qemu-system-[a-z0-9_]+:\\s*", "");
        String pkg = debianPackage(l);
        if (l.contains("romfile") || l.contains("firmware") || l.contains("bios"))
            return "it is missing a firmware file (" + why + "): install Debian's qemu-system-data and ipxe-qemu"
                    + (pkg.equals("qemu-system-misc") ? " (and opensbi)." : ".");
        if (l.contains("machine") || l.contains("property") || l.contains("cpu") || l.contains("gic-version"))
            return "this QEMU does not have what the board needs (" + why + "): use QEMU 7.2 or later "
                    + "(Debian: apt-get install " + pkg + ").";
        if (l.contains("memory") || l.contains("cannot allocate") || l.contains("-m "))
            return "not enough memory for the board's RAM (" + why + "): free memory or use a board with less DRAM.";
        return "QEMU said: " + why + " (shyperc is tested with Debian 12's " + pkg + " 7.2).";
    }
}
