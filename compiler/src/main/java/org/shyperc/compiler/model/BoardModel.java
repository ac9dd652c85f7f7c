package org.shyperc.compiler.model;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.InterruptControllerPlan;

/** A bound board: typed values, each with the span it was written at. */
public record BoardModel(
        String name,
        SourceSpan span,
        BoardPlan.Arch arch,
        List<String> compatible,
        String model,
        List<Core> cores,
        List<Bank> dram,
        Intc intc,
        List<Integer> timerIrqs,
        List<Device> devices,
        Hyp hyp) {

    public BoardModel {
        compatible = List.copyOf(compatible);
        cores = List.copyOf(cores);
        dram = List.copyOf(dram);
        timerIrqs = List.copyOf(timerIrqs);
        devices = List.copyOf(devices);
    }

    public Device device(String n) {
        for (Device d : devices) if (d.name().equals(n)) return d;
        return null;
    }

    /**
     * A core; {@code releaseAddress} (-1 for PSCI) is its spin-table release word and {@code releaseSpan} where it is
     * written (the `cpus` item for PSCI).
     */
    public record Core(int index, long mpidr, String compatible, BoardPlan.EnableMethod enableMethod, long releaseAddress,
                       SourceSpan span, SourceSpan releaseSpan) {
        /** MPIDR affinity bits (Aff3, Aff2, Aff1, Aff0) name a core: two cores with the same are one core written twice. */
        public static final long MPIDR_AFFINITY = 0xff_00ff_ffffL;
    }

    public record Bank(String name, long base, long size, SourceSpan span) {
        public long end() { return base + size; }
    }

    /** A memory-mapped frame; {@code name} says what it is in messages ("distributor"). */
    public record Frame(String name, long base, long size, SourceSpan span) {
        public long end() { return base + size; }
    }

    public record Intc(InterruptControllerPlan.Kind kind, SourceSpan span, Frame distributor, Frame cpuInterface,
                       Frame hypInterface, Frame virtualCpuInterface, Frame redistributor, Frame plic,
                       int maintenanceIrq, SourceSpan maintenanceSpan, int lines, List<String> compatible) {
        public Intc { compatible = List.copyOf(compatible); }

        /** Every frame the controller has, in a fixed order. */
        public List<Frame> frames() {
            List<Frame> out = new java.util.ArrayList<>();
            for (Frame f : new Frame[] {distributor, cpuInterface, hypInterface, virtualCpuInterface, redistributor, plic}) {
                if (f != null) out.add(f);
            }
            return out;
        }
    }

    public record Irq(int id, SourceSpan span) { }

    public record Device(String name, String compatible, long base, long size, List<Irq> irqs, String dtPath,
                         boolean dma, String iommu, long streamId, List<org.shyperc.plan.DevicePlan.Property> properties,
                         SourceSpan span) {
        public Device {
            irqs = List.copyOf(irqs);
            properties = List.copyOf(properties);
        }

        public long end() { return base + size; }
    }

    /** The hypervisor's own resources on this board; {@code loadSpan} is the `load` setting's, or the reservation's when it has none. */
    public record Hyp(long reserveBase, long reserveSize, SourceSpan reserveSpan, long loadAddress, SourceSpan loadSpan,
                      String console, SourceSpan consoleSpan, int timerIrq, int ipiSgi, int hypercallIrq,
                      SourceSpan span,
                      /** cache colouring: the last-level cache (null: not described), the hypervisor's own colours (may be empty). */
                      Llc llc, List<ColourRef> colours,
                      /** `stage2-blocks`: false where stage 2 maps with 4 KiB pages only (RAM with `hugepages` excepted). */
                      boolean stage2Blocks) {
        public Hyp { colours = List.copyOf(colours); }

        public long reserveEnd() { return reserveBase + reserveSize; }
    }

    /**
     * The last-level cache: {@code llc-size}, {@code llc-ways}, {@code llc-line}; {@code colours} is
     * size / (ways * 4 KiB), 0 when that is not a power of two from 2 to 64 (SHY1202 was reported).
     */
    public record Llc(long size, long ways, long line, int colours, SourceSpan span) { }

    /** A colour number as written (in a VM's or the hypervisor's `colours`). */
    public record ColourRef(int colour, SourceSpan span) { }
}
