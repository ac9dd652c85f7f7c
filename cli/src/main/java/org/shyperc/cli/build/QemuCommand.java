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
        List<String> cmd = new ArrayList<>(List.of("qemu-system-aarch64",
                "-machine", "virt,virtualization=on,gic-version=" + (gic == InterruptControllerPlan.Kind.GICV3 ? "3" : "2"),
                "-cpu", cpu,
                "-smp", String.valueOf(b.cpus().size()),
                "-m", (ram >> 20) + "M",
                "-nographic", "-no-reboot", "-semihosting",
                "-kernel", elf.toString()));
        return cmd;
    }
}
