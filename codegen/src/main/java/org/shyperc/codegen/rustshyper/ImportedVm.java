package org.shyperc.codegen.rustshyper;

import java.util.List;

/**
 * One VM read from a Rust-Shyper JSON file, in the terms of a .shy `vm` block. Only what
 * .shy can say is kept; Rust-Shyper never states physical RAM addresses, so none is here.
 */
public record ImportedVm(
        String name,
        String kind,
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

    public record Memory(long ipa, long size) { }

    /** A board device by name, at an IPA. */
    public record Passthrough(String device, long ipa) { }

    public record Virtio(String kind, long ipa, long size, int irq) { }
}
