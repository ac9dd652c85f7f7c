package org.shyperc.cli.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.Plan;

/** The QEMU command line that stands in for a board: derived from the board, never hand-kept. */
public final class QemuCommand {
    private QemuCommand() { }

    /** Only QEMU's own aarch64 virt machine can be run; real hardware boards cannot. */
    public static boolean canRun(Plan plan) {
        BoardPlan b = plan.board();
        return b.arch() == BoardPlan.Arch.AARCH64 && b.compatible().contains("linux,dummy-virt");
    }

    /** The command line that boots {@code elf}; only for a plan {@link #canRun} accepts. */
    public static List<String> forPlan(Plan plan, Path elf) {
        BoardPlan b = plan.board();
        if (!canRun(plan)) throw new IllegalArgumentException("board " + b.name() + " is not a QEMU board");
        InterruptControllerPlan.Kind gic = b.interruptController().kind();
        long ram = 0;
        for (BoardPlan.MemoryBank m : b.dram()) ram += m.size();
        String cpu = b.cpus().get(0).compatible().replace("arm,", "");
        List<String> cmd = new ArrayList<>(List.of(binary(),
                "-machine", "virt,virtualization=on,gic-version=" + (gic == InterruptControllerPlan.Kind.GICV3 ? "3" : "2"),
                "-cpu", cpu, "-nic", "none",
                "-smp", String.valueOf(b.cpus().size()),
                "-m", (ram >> 20) + "M",
                "-nographic", "-no-reboot", "-semihosting",
                "-kernel", elf.toString()));
        return cmd;
    }

    /** `qemu-system-aarch64` from PATH, or the program SHYPERC_QEMU names (another build of QEMU). */
    static String binary() {
        String chosen = System.getenv("SHYPERC_QEMU");
        return chosen == null || chosen.isBlank() ? "qemu-system-aarch64" : chosen;
    }

    /** One line telling the user what to do about QEMU's own start-up error {@code qemuLine}. */
    public static String fixFor(String qemuLine) {
        String l = qemuLine.toLowerCase(java.util.Locale.ROOT);
        String why = qemuLine.replaceFirst("^qemu-system-[a-z0-9_]+:\\s*", "");
        if (l.contains("romfile") || l.contains("firmware") || l.contains("bios"))
            return "it is missing a firmware file (" + why + "): install Debian's qemu-system-data and ipxe-qemu.";
        if (l.contains("machine") || l.contains("property") || l.contains("cpu") || l.contains("gic-version"))
            return "this QEMU does not have what the board needs (" + why + "): use QEMU 7.2 or later "
                    + "(Debian: apt-get install qemu-system-arm).";
        if (l.contains("memory") || l.contains("cannot allocate") || l.contains("-m "))
            return "not enough memory for the board's RAM (" + why + "): free memory or use a board with less DRAM.";
        return "QEMU said: " + why + " (shyperc is tested with Debian 12's qemu-system-arm 7.2).";
    }
}
