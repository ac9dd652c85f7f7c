package org.shyperc.plan;

import java.util.List;

/**
 * One VM, fully placed. {@code id} is its position in the system (0 = first declared);
 * Rust-Shyper's management VM is always id 0.
 */
public record VmPlan(
        int id,
        String name,
        Kind kind,
        boolean management,
        /** Physical core indices, ascending; vCPU n runs on cpus.get(n). */
        List<Integer> cpus,
        /** RAM regions by ascending IPA. */
        List<Region> memory,
        Image kernel,
        /** null when the VM has no initrd. */
        Image initrd,
        /** IPA the generated device tree is loaded at. */
        long dtbIpa,
        String bootargs,
        /** Board devices mapped into the VM, by name or inside a window. */
        List<Passthrough> passthrough,
        List<Virtio> virtio,
        /** The emulated console UART the hypervisor gives the VM (output prefixed with the VM's name). */
        Console console,
        /** Where the VM sees its (virtual) interrupt controller. */
        VirtualGic vgic,
        List<SharedWindow> sharedWindows,
        /** Passthrough windows of the board's address space, by ascending IPA; the devices inside are in {@code passthrough}. */
        List<Window> windows,
        /**
         * Everything the VM maps, by IPA ({@link Mapping}): what the checks judged and what the
         * blob, the device trees and the reports are made from. Placement makes it; null only while
         * a VmPlan made by hand waits for its {@link Plan} to derive it from the fields above.
         */
        List<Mapping> mappings,
        /** Its fault, power-off and reset policies, whether it waits to be started, its watchdog. */
        Lifecycle lifecycle) {

    public VmPlan {
        cpus = List.copyOf(cpus);
        memory = List.copyOf(memory);
        passthrough = List.copyOf(passthrough);
        virtio = List.copyOf(virtio);
        sharedWindows = List.copyOf(sharedWindows);
        windows = List.copyOf(windows);
        mappings = mappings == null ? null : List.copyOf(mappings);
        if (lifecycle == null) lifecycle = Lifecycle.DEFAULT;
    }

    /** A VM with the default lifecycle. */
    public VmPlan(int id, String name, Kind kind, boolean management, List<Integer> cpus, List<Region> memory, Image kernel,
                  Image initrd, long dtbIpa, String bootargs, List<Passthrough> passthrough, List<Virtio> virtio, Console console,
                  VirtualGic vgic, List<SharedWindow> sharedWindows, List<Window> windows, List<Mapping> mappings) {
        this(id, name, kind, management, cpus, memory, kernel, initrd, dtbIpa, bootargs, passthrough, virtio, console, vgic,
                sharedWindows, windows, mappings, Lifecycle.DEFAULT);
    }

    /** The same VM with another lifecycle. */
    public VmPlan withLifecycle(Lifecycle l) {
        return new VmPlan(id, name, kind, management, cpus, memory, kernel, initrd, dtbIpa, bootargs, passthrough, virtio, console,
                vgic, sharedWindows, windows, mappings, l);
    }

    /** A VM made by hand (tests, other tools): its {@link Plan} derives the mapping list from these fields. */
    public VmPlan(int id, String name, Kind kind, boolean management, List<Integer> cpus, List<Region> memory, Image kernel,
                  Image initrd, long dtbIpa, String bootargs, List<Passthrough> passthrough, List<Virtio> virtio, Console console,
                  VirtualGic vgic, List<SharedWindow> sharedWindows, List<Window> windows) {
        this(id, name, kind, management, cpus, memory, kernel, initrd, dtbIpa, bootargs, passthrough, virtio, console, vgic,
                sharedWindows, windows, null);
    }

    /** A VM without passthrough windows, made by hand. */
    public VmPlan(int id, String name, Kind kind, boolean management, List<Integer> cpus, List<Region> memory, Image kernel,
                  Image initrd, long dtbIpa, String bootargs, List<Passthrough> passthrough, List<Virtio> virtio, Console console,
                  VirtualGic vgic, List<SharedWindow> sharedWindows) {
        this(id, name, kind, management, cpus, memory, kernel, initrd, dtbIpa, bootargs, passthrough, virtio, console, vgic,
                sharedWindows, List.of(), null);
    }

    /** The same VM with its mapping list derived from its fields, on a board with this interrupt controller. */
    VmPlan withDerivedMappings(InterruptControllerPlan ic) {
        return new VmPlan(id, name, kind, management, cpus, memory, kernel, initrd, dtbIpa, bootargs, passthrough, virtio, console,
                vgic, sharedWindows, windows, Mappings.of(this, ic), lifecycle);
    }

    /** Whether the passthrough's frame is mapped by one of the VM's windows (it is then not mapped on its own). */
    public boolean inWindow(Passthrough p) {
        for (Window w : windows) {
            if (Long.compareUnsigned(p.ipa(), w.ipa()) >= 0 && Long.compareUnsigned(p.ipa() - w.ipa(), w.size()) < 0) {
                return true;
            }
        }
        return false;
    }

    public enum Kind { LINUX, BAREMETAL }

    /**
     * A RAM region: the guest sees [ipa, ipa+size), backed by [pa, pa+size); or, coloured
     * ({@code colouring} not null), by the pages of its colours from pa on ({@link Colouring}).
     */
    public record Region(long ipa, long pa, long size, @OmittedWhenNull Colouring colouring) {
        public Region(long ipa, long pa, long size) { this(ipa, pa, size, null); }

        public long ipaEnd() { return ipa + size; }
        public long paEnd() { return pa + size; }

        /** Where the PA stretch the region's pages are drawn from ends: paEnd() unless coloured. */
        public long paSpanEnd() { return colouring == null ? paEnd() : pa + colouring.span(); }

        /** The PA behind an IPA of the region. */
        public long paOf(long at) { return colouring == null ? pa + (at - ipa) : colouring.pa(pa, at - ipa); }
    }

    /** A guest payload: host path (as written, relative to the system file's folder), load IPA, entry IPA. */
    public record Image(String path, long ipa, long entry) { }

    /** A board device mapped into the VM: PA frame at an IPA, with its interrupts routed to the VM. */
    public record Passthrough(String device, long pa, long ipa, long size, List<Integer> irqs) {
        public Passthrough {
            irqs = List.copyOf(irqs);
        }
    }

    /**
     * An emulated virtio-mmio device; {@code disk} (blk), {@code peer} (console) are null and
     * {@code mac} (net) is empty when not given.
     */
    public record Virtio(String kind, long ipa, long size, int irq, Disk disk, Peer peer, List<Integer> mac) {
        public Virtio {
            mac = List.copyOf(mac);
        }

        public Virtio(String kind, long ipa, long size, int irq) {
            this(kind, ipa, size, irq, null, null, List.of());
        }
    }

    /** The sectors of its disk a virtio-blk device shows: [firstSector, firstSector + sectors), 512 bytes each. */
    public record Disk(long firstSector, long sectors) { }

    /** The other end of a virtio console: a VM and the IPA of its console there. */
    public record Peer(String vm, long console) { }

    /** A window of the board's address space [pa, pa+size) at [ipa, ipa+size), and the board devices in it. */
    public record Window(long ipa, long pa, long size, List<String> devices) {
        public Window {
            devices = List.copyOf(devices);
        }
    }

    /** An emulated UART: writes to its data register are printed by the hypervisor with the VM's name. */
    public record Console(String compatible, long ipa, long size) { }

    /** Virtual GIC frames at their IPAs (cpuInterface is 0 on GICv3; redistributor 0 on GICv2). */
    public record VirtualGic(long distributorIpa, long distributorSize, long cpuInterfaceIpa, long cpuInterfaceSize,
                             long redistributorIpa, long redistributorSize) { }

    /** This VM's window onto a shared region. */
    public record SharedWindow(String region, long ipa, long pa, long size, boolean writable) { }
}
