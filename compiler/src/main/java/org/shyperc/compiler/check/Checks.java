package org.shyperc.compiler.check;

import java.util.List;
import org.shyperc.compiler.checks.AddressOverflow;
import org.shyperc.compiler.checks.BoardOverlap;
import org.shyperc.compiler.checks.CoreShared;
import org.shyperc.compiler.checks.DeviceShared;
import org.shyperc.compiler.checks.DmaUnisolated;
import org.shyperc.compiler.checks.EntryOutside;
import org.shyperc.compiler.checks.HypervisorDevice;
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
import org.shyperc.compiler.checks.Misaligned;
import org.shyperc.compiler.checks.NoSuchCore;
import org.shyperc.compiler.checks.NoSuchIrq;
import org.shyperc.compiler.checks.OutsideDram;
import org.shyperc.compiler.checks.PaOverlap;
import org.shyperc.compiler.checks.PrivateIrq;
import org.shyperc.compiler.checks.ReservedIrq;
import org.shyperc.compiler.checks.SpinTableExposed;
import org.shyperc.compiler.checks.SubpageSharing;
import org.shyperc.compiler.checks.ZeroSize;

/**
 * The one list of checks, in the order they run: a check comes after every check whose code
 * it names as a prerequisite (ChecksRegistryTest holds this).
 */
public final class Checks {
    private Checks() { }

    public static final List<Check> ALL = List.of(
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
            // interrupts
            new NoSuchIrq(),
            new PrivateIrq(),
            new ReservedIrq(),
            new IrqShared(),
            new IrqCollision(),
            // images
            new ImageMissing(),
            new ImageOutsideRam(),
            new ImageOverlap(),
            new EntryOutside(),
            new KernelMisaligned(),
            // board
            new BoardOverlap()
    );
}
