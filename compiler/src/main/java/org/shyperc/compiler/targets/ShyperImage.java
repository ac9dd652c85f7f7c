package org.shyperc.compiler.targets;

import java.util.List;
import java.util.Set;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.checks.RegionCount;
import org.shyperc.compiler.checks.AttributeUnsupported;
import org.shyperc.compiler.checks.ConsoleDriver;
import org.shyperc.compiler.checks.CoreCount;
import org.shyperc.compiler.checks.El2Map;
import org.shyperc.compiler.checks.GicLayout;
import org.shyperc.compiler.checks.HypervisorPpi;
import org.shyperc.compiler.checks.ImageTooBig;
import org.shyperc.compiler.checks.InterruptController;
import org.shyperc.compiler.checks.VmCount;
import org.shyperc.compiler.checks.VmNameLength;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * `shyper.bin` / `shyper.elf`: the hypervisor runtime (hypervisor-runtime/, aarch64 and riscv64) linked
 * with the system's config blob and guest payloads. Built for every system on an aarch64 board;
 * its limits are the runtime's ({@link org.shyperc.abi.RuntimeLimits}) and are errors, since
 * `build` fails without the image.
 */
public final class ShyperImage implements Target {
    public static final ShyperImage TARGET = new ShyperImage();

    /**
     * Errors the image can still be built with once made warnings: Rust-Shyper's management-VM
     * conventions (the runtime only prefers that VM for console input), and payloads that overlap
     * or an entry point outside the kernel, which concern one guest only. Every other error is
     * something the runtime refuses (it re-checks isolation at boot) or the emitters cannot write.
     */
    private static final Set<Code> TOLERATED_ERRORS = Set.of(Codes.MANAGEMENT_COUNT, Codes.MANAGEMENT_CORE0,
            Codes.IMAGE_OVERLAP, Codes.ENTRY_OUTSIDE);

    private ShyperImage() { }

    @Override
    public String name() { return "shyper image"; }

    @Override
    public boolean buildsFor(BoardModel board) {
        return board.arch() == BoardPlan.Arch.AARCH64 || board.arch() == BoardPlan.Arch.RISCV64;
    }

    /**
     * Not for a system that hands the board's console to a VM (`console to`): the runtime keeps its
     * console to itself and refuses, at boot, a VM that maps it or owns its interrupt. SHY1110 says so.
     */
    @Override
    public boolean buildsFor(Instance in) { return buildsFor(in.board()) && in.consoleOwner() == null; }

    /** The same decision from a Plan, for `build`: a VM that passes the hypervisor's console through was given it. */
    public static boolean builtFor(Plan plan) {
        if (plan.board().arch() != BoardPlan.Arch.AARCH64 && plan.board().arch() != BoardPlan.Arch.RISCV64) return false;
        String console = plan.hypervisor().console();
        for (VmPlan vm : plan.vms()) {
            for (VmPlan.Passthrough p : vm.passthrough()) if (p.device().equals(console)) return false;
        }
        return true;
    }

    @Override
    public List<Check> checks() {
        return List.of(new VmCount(), new CoreCount(), new VmNameLength(), new InterruptController(), new ConsoleDriver(),
                new org.shyperc.compiler.checks.LifecycleArch(), // VM lifecycle
                new El2Map(), new GicLayout(), new HypervisorPpi(), new RegionCount(), new ImageTooBig(),
                // cache colouring of the hypervisor itself: what the runtime needs to run in its colours
                new org.shyperc.compiler.checks.ColourHypRoom(), new org.shyperc.compiler.checks.ColourHypSpinTable(),
                // memory attributes
                new AttributeUnsupported());
    }

    @Override
    public boolean tolerates(Code code) {
        return code.severity() == Severity.WARNING || TOLERATED_ERRORS.contains(code);
    }
}
