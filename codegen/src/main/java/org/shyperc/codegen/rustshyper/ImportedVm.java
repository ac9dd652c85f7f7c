package org.shyperc.codegen.rustshyper;

import java.util.List;

/**
 * One VM read from a Rust-Shyper JSON file, in the terms of a .shy `vm` block. Only what
 * .shy can say is kept; Rust-Shyper never states physical RAM addresses, so none is here.
 */
public record ImportedVm(
        String name,
        String kind,
        /** The VM on core 0: Rust-Shyper's management VM. */
        boolean management,
        List<Integer> cpus,
        List<Memory> memory,
        String kernelFile,
        long kernelIpa,
        /** 0 = no DTB. */
        long dtbIpa,
        /** null when there is no initrd. */
        String initrdFile,
        long initrdIpa,
        String bootargs,
        List<Passthrough> passthrough,
        List<Virtio> virtio,
        String sourceFile) {

    public ImportedVm {
        cpus = List.copyOf(cpus);
        memory = List.copyOf(memory);
        passthrough = List.copyOf(passthrough);
        virtio = List.copyOf(virtio);
    }

    /** A VM that is not the management VM. */
    public ImportedVm(String name, String kind, List<Integer> cpus, List<Memory> memory, String kernelFile, long kernelIpa,
                      long dtbIpa, String initrdFile, long initrdIpa, String bootargs, List<Passthrough> passthrough,
                      List<Virtio> virtio, String sourceFile) {
        this(name, kind, false, cpus, memory, kernelFile, kernelIpa, dtbIpa, initrdFile, initrdIpa, bootargs, passthrough,
                virtio, sourceFile);
    }

    public ImportedVm withManagement(boolean m) {
        return new ImportedVm(name, kind, m, cpus, memory, kernelFile, kernelIpa, dtbIpa, initrdFile, initrdIpa, bootargs,
                passthrough, virtio, sourceFile);
    }

    public ImportedVm withVirtio(List<Virtio> v) {
        return new ImportedVm(name, kind, management, cpus, memory, kernelFile, kernelIpa, dtbIpa, initrdFile, initrdIpa,
                bootargs, passthrough, v, sourceFile);
    }

    public record Memory(long ipa, long size) { }

    /**
     * A board device by name at an IPA ({@code device} set), or a window of the board's address
     * space [pa, pa+size) at ipa ({@code device} null).
     */
    public record Passthrough(String device, long ipa, long pa, long size, String from) {
        public Passthrough(String device, long ipa) {
            this(device, ipa, 0, 0, null);
        }

        public static Passthrough window(long ipa, long pa, long size) {
            return new Passthrough(null, ipa, pa, size, null);
        }

        /** The same passthrough, noting the name the Rust-Shyper config gave it (written beside it in the .shy file). */
        public Passthrough from(String name) { return new Passthrough(device, ipa, pa, size, name); }

        public boolean isWindow() { return device == null; }

        // what the system says, not where it came from: an imported passthrough equals the one a plan makes
        @Override
        public boolean equals(Object o) {
            return o instanceof Passthrough p && java.util.Objects.equals(device, p.device) && ipa == p.ipa && pa == p.pa
                    && size == p.size;
        }

        @Override
        public int hashCode() { return java.util.Objects.hash(device, ipa, pa, size); }
    }

    /**
     * A virtio device; {@code sectors} (with {@code firstSector}) for a disk, {@code peer} (with
     * {@code peerConsole}, null for "the peer's matching console") for a console, {@code mac} for a
     * network device: null / empty when not said.
     */
    public record Virtio(String kind, long ipa, long size, int irq, Long firstSector, Long sectors, String peer,
                         Long peerConsole, List<Integer> mac) {
        public Virtio {
            mac = List.copyOf(mac);
        }

        public Virtio(String kind, long ipa, long size, int irq) {
            this(kind, ipa, size, irq, null, null, null, null, List.of());
        }
    }
}
