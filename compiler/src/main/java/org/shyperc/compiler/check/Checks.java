package org.shyperc.compiler.check;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.checks.AddressOverflow;
import org.shyperc.compiler.checks.AttributeMismatch;
import org.shyperc.compiler.checks.BoardOverlap;
import org.shyperc.compiler.checks.CoreShared;
import org.shyperc.compiler.checks.DeviceShared;
import org.shyperc.compiler.checks.DmaUnisolated;
import org.shyperc.compiler.checks.DoorbellBothWays;
import org.shyperc.compiler.checks.DoorbellIrqRange;
import org.shyperc.compiler.checks.DoorbellIrqUsed;
import org.shyperc.compiler.checks.DoorbellRiscv;
import org.shyperc.compiler.checks.DoorbellSelf;
import org.shyperc.compiler.checks.DoorbellUnmapped;
import org.shyperc.compiler.checks.EntryMisaligned;
import org.shyperc.compiler.checks.EntryOutside;
import org.shyperc.compiler.checks.HypervisorDevice;
import org.shyperc.compiler.checks.HugepageMisaligned;
import org.shyperc.compiler.checks.ImageMissing;
import org.shyperc.compiler.checks.ImageOutsideRam;
import org.shyperc.compiler.checks.ImageOverlap;
import org.shyperc.compiler.checks.InHypervisor;
import org.shyperc.compiler.checks.IpaLimit;
import org.shyperc.compiler.checks.IpaOverlap;
import org.shyperc.compiler.checks.IrqCollision;
import org.shyperc.compiler.checks.IrqShared;
import org.shyperc.compiler.checks.KernelMisaligned;
import org.shyperc.compiler.checks.ManagementCore0;
import org.shyperc.compiler.checks.ManagementCount;
import org.shyperc.compiler.checks.ManagementWaits;
import org.shyperc.compiler.checks.Misaligned;
import org.shyperc.compiler.checks.NoImage;
import org.shyperc.compiler.checks.NoSuchCore;
import org.shyperc.compiler.checks.NoSuchIrq;
import org.shyperc.compiler.checks.OutsideDram;
import org.shyperc.compiler.checks.PaOverlap;
import org.shyperc.compiler.checks.PrivateIrq;
import org.shyperc.compiler.checks.ReservedIrq;
import org.shyperc.compiler.checks.SpinTableExposed;
import org.shyperc.compiler.checks.SubpageSharing;
import org.shyperc.compiler.checks.ZeroSize;
import org.shyperc.compiler.checks.VirtioPeer;
import org.shyperc.compiler.checks.WaitingWithoutManagement;
import org.shyperc.compiler.checks.WatchdogRange;
import org.shyperc.compiler.checks.WindowCutsDevice;
import org.shyperc.compiler.checks.WindowOverMemory;
import org.shyperc.compiler.targets.Target;
import org.shyperc.compiler.targets.Targets;

/**
 * The one list of checks, in the order they run: a check comes after every check whose code
 * it names as a prerequisite (ChecksRegistryTest holds this). The invariants every system keeps
 * come first, then each output target's limits ({@link Targets#ALL}), which run only on the
 * boards their target is built for.
 */
public final class Checks {
    private Checks() { }

    /** What every system must keep, whatever it is built for. */
    public static final List<Check> INVARIANTS = List.of(
            // names that become file names
            new org.shyperc.compiler.checks.CaseOnlyNames(),
            new org.shyperc.compiler.checks.ReservedFileNames(),
            // devices the rest depends on: a shared or hypervisor device would show up again as overlaps
            new DeviceShared(),
            new HypervisorDevice(),
            // memory
            new ZeroSize(),
            new AddressOverflow(),
            new Misaligned(),
            new OutsideDram(),
            new InHypervisor(),
            new PaOverlap(),
            new IpaOverlap(),
            new IpaLimit(),
            // CPUs
            new NoSuchCore(),
            new CoreShared(),
            new ManagementCount(),
            new ManagementCore0(),
            new SpinTableExposed(),
            // devices
            new SubpageSharing(),
            new DmaUnisolated(),
            new VirtioPeer(),
            new WindowOverMemory(),
            new WindowCutsDevice(),
            // interrupts
            new NoSuchIrq(),
            new PrivateIrq(),
            new ReservedIrq(),
            new IrqShared(),
            new IrqCollision(),
            // images
            new ImageMissing(),
            new org.shyperc.compiler.checks.ImageEmpty(),
            new org.shyperc.compiler.checks.KernelFormat(),
            new ImageOutsideRam(),
            new ImageOverlap(),
            new EntryOutside(),
            new EntryMisaligned(),
            new KernelMisaligned(),
            new org.shyperc.compiler.checks.BootargsTooLong(),
            // doorbells (issue 13)
            new DoorbellRiscv(),
            new DoorbellUnmapped(),
            new DoorbellSelf(),
            new DoorbellIrqRange(),
            new DoorbellBothWays(),
            new DoorbellIrqUsed(),
            // board
            new BoardOverlap(),
            // memory attributes
            new HugepageMisaligned(),
            new AttributeMismatch(),
            // outputs: a system the shyper image is not built for, though its board is
            new NoImage(),
            // cache colouring
            new org.shyperc.compiler.checks.ColourNoLlc(),
            new org.shyperc.compiler.checks.ColourRiscv(),
            new org.shyperc.compiler.checks.ColourRange(),
            new org.shyperc.compiler.checks.ColourShared(),
            new org.shyperc.compiler.checks.ColourPinned(),
            new org.shyperc.compiler.checks.ColourPaOverlap(),
            new org.shyperc.compiler.checks.ColourHugepages(),
            // VM lifecycle
            new WatchdogRange(),
            new WaitingWithoutManagement(),
            new ManagementWaits()
    );

    /** Every check: the invariants, then the targets' limits. */
    public static final List<Check> ALL = withTargets(INVARIANTS, Targets.ALL);

    static List<Check> withTargets(List<Check> invariants, List<Target> targets) {
        List<Check> all = new ArrayList<>(invariants);
        for (Target t : targets) {
            for (Check c : t.checks()) all.add(new TargetCheck(t, c));
        }
        return List.copyOf(all);
    }
}
