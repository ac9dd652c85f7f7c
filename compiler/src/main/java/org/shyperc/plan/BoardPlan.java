package org.shyperc.plan;

import java.util.List;

/** The board as the plan sees it: architecture, cores, DRAM banks, interrupt controller, devices. */
public record BoardPlan(
        String name,
        Arch arch,
        List<String> compatible,
        String model,
        List<CpuPlan> cpus,
        List<MemoryBank> dram,
        InterruptControllerPlan interruptController,
        /** Architected timer PPIs in device-tree order: secure phys, non-secure phys, virtual, hypervisor. */
        List<Integer> timerIrqs,
        List<DevicePlan> devices) {

    public BoardPlan {
        compatible = List.copyOf(compatible);
        cpus = List.copyOf(cpus);
        dram = List.copyOf(dram);
        timerIrqs = List.copyOf(timerIrqs);
        devices = List.copyOf(devices);
    }

    public DevicePlan device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    public enum Arch { AARCH64, RISCV64 }

    /**
     * A core. {@code enableMethod} is how the boot core starts it (the device tree's {@code enable-method});
     * {@code releaseAddress} is its spin-table release word for {@link EnableMethod#SPIN_TABLE}, -1 otherwise.
     */
    public record CpuPlan(int index, long mpidr, String compatible, EnableMethod enableMethod, long releaseAddress) {
        /** A core started with PSCI. */
        public CpuPlan(int index, long mpidr, String compatible) {
            this(index, mpidr, compatible, EnableMethod.PSCI, -1);
        }
    }

    /** PSCI CPU_ON through the firmware, or the firmware's spin table (write the entry to a release word, `sev`). */
    public enum EnableMethod { PSCI, SPIN_TABLE }

    public record MemoryBank(String name, long base, long size) {
        public long end() { return base + size; }
    }
}
