package org.shyperc.compiler.model;

import java.nio.file.Path;
import java.util.List;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Lifecycle;
import org.shyperc.plan.VmPlan;

/**
 * A bound VM on one board (per-board overrides applied), before or after placement. A VM with
 * errors is bound as far as it could be read: {@code kind} or {@code kernel} may be null and
 * {@code memory} empty; such a VM is checked but never lowered.
 */
public record VmModel(
        int id,
        String name,
        SourceSpan span,
        VmPlan.Kind kind,
        boolean management,
        SourceSpan managementSpan,
        List<CoreRef> cpus,
        List<Mem> memory,
        Payload kernel,
        Payload initrd,
        long dtbIpa,
        SourceSpan dtbSpan,
        String bootargs,
        /** The `bootargs` statement; null when the VM has none. */
        SourceSpan bootargsSpan,
        List<Pt> passthrough,
        /** Passthrough windows; the board devices inside each are in {@code passthrough} too, with the window. */
        List<Window> windows,
        List<Virtio> virtio,
        ConsoleDev console,
        List<IpaFrame> vgic,
        /** What the VM maps, by IPA: empty until placement makes it ({@link MapEntry}). */
        List<MapEntry> map,
        /** cache colouring: the colours its RAM is made of; null = not coloured. */
        Colours colours,
        /** Its lifecycle as written ({@link Life#DEFAULT} when it says nothing of it). */
        Life lifecycle) {

    /** Room kept for a generated device tree in guest RAM; `build` checks the real one fits. */
    public static final long DTB_MAX = 64 * 1024;
    /** {@code dtbIpa} of a VM that has no RAM to put a default device tree in. */
    public static final long NO_DTB = -1;

    public VmModel {
        cpus = List.copyOf(cpus);
        memory = List.copyOf(memory);
        passthrough = List.copyOf(passthrough);
        windows = List.copyOf(windows);
        virtio = List.copyOf(virtio);
        vgic = List.copyOf(vgic);
        map = List.copyOf(map);
        if (lifecycle == null) lifecycle = Life.DEFAULT;
    }

    public VmModel withMemory(List<Mem> placed) {
        return new VmModel(id, name, span, kind, management, managementSpan, cpus, placed, kernel, initrd, dtbIpa,
                dtbSpan, bootargs, bootargsSpan, passthrough, windows, virtio, console, vgic, map, colours, lifecycle);
    }

    public VmModel withMap(List<MapEntry> entries) {
        return new VmModel(id, name, span, kind, management, managementSpan, cpus, memory, kernel, initrd, dtbIpa,
                dtbSpan, bootargs, bootargsSpan, passthrough, windows, virtio, console, vgic, entries, colours, lifecycle);
    }

    public VmModel withColours(Colours c) {
        return new VmModel(id, name, span, kind, management, managementSpan, cpus, memory, kernel, initrd, dtbIpa,
                dtbSpan, bootargs, bootargsSpan, passthrough, windows, virtio, console, vgic, map, c, lifecycle);
    }

    /**
     * {@code colours [..]} ({@code listed}, {@code share} -1) or {@code colours N} ({@code share} N, nothing
     * listed); {@code picked}: the colours its RAM is made of, ascending, once placement resolved them
     * (the listed ones, or those it picked for a share), empty before or when they could not be given.
     */
    public record Colours(List<BoardModel.ColourRef> listed, int share, boolean shared, SourceSpan span,
                          List<Integer> picked) {
        public Colours {
            listed = List.copyOf(listed);
            picked = List.copyOf(picked);
        }

        public Colours withPicked(List<Integer> p) { return new Colours(listed, share, shared, span, p); }
    }

    public record CoreRef(int core, SourceSpan span) { }

    /**
     * The VM's lifecycle and where it was written: {@code start} the `start` item, {@code watchdog} the
     * `watchdog` item whose period was read (in ms), {@code first} the first lifecycle item of any kind (each null when not written).
     */
    public record Life(Lifecycle value, SourceSpan start, SourceSpan watchdog, SourceSpan first) {
        public static final Life DEFAULT = new Life(Lifecycle.DEFAULT, null, null, null);
    }

    /**
     * RAM: pa is -1 until placed; pinned when the source gave `at pa`. {@code hugepage}: the block size
     * `hugepages` asked for (0 = none), written at {@code hugepageSpan}.
     */
    public record Mem(long ipa, long size, long pa, boolean pinned, SourceSpan span, long hugepage, SourceSpan hugepageSpan) {
        public Mem(long ipa, long size, long pa, boolean pinned, SourceSpan span) { this(ipa, size, pa, pinned, span, 0, null); }

        public long ipaEnd() { return ipa + size; }
        public long paEnd() { return pa + size; }
        public Mem placedAt(long p) { return new Mem(ipa, size, p, pinned, span, hugepage, hugepageSpan); }
    }

    /** A guest file: path as written, resolved against the system file's folder; size -1 when unreadable. */
    public record Payload(String path, Path resolved, long ipa, long entry, long size, SourceSpan span,
                          SourceSpan entrySpan) { }

    /**
     * A board device given to the VM at an IPA: by name, or because it lies in a passthrough window
     * ({@code window} then; {@code span} is the window's).
     */
    public record Pt(BoardModel.Device device, long ipa, SourceSpan span, Window window, Mapping.MemoryType memory) {
        public Pt(BoardModel.Device device, long ipa, SourceSpan span) { this(device, ipa, span, null, Mapping.MemoryType.DEVICE); }

        public long ipaEnd() { return ipa + device.size(); }
    }

    /**
     * {@code passthrough @ IPA size S (at pa PA)? ATTR*}: a window of the board's address space, PA = IPA unless
     * given, mapped as {@code memory} (Device unless `nocache`).
     */
    public record Window(long ipa, long pa, long size, SourceSpan span, Mapping.MemoryType memory) {
        public long ipaEnd() { return ipa + size; }
        public long paEnd() { return pa + size; }
    }

    /**
     * An emulated virtio-mmio device. {@code disk}: a block device's sectors; {@code peer}: a
     * console's other end; {@code mac}: a network device's address. Each null when not given.
     */
    public record Virtio(String kind, long ipa, long size, int irq, SourceSpan span, SourceSpan irqSpan, Disk disk,
                         Peer peer, Mac mac) {
        public Virtio(String kind, long ipa, long size, int irq, SourceSpan span, SourceSpan irqSpan) {
            this(kind, ipa, size, irq, span, irqSpan, null, null, null);
        }
    }

    /** {@code first-sector N sectors M}: the VM sees sectors [N, N+M) of its disk (512 bytes each). */
    public record Disk(long firstSector, long sectors, SourceSpan span) { }

    /** {@code peer VM (peer-console @ IPA)?}: the console's other end; {@code console} null = the peer's matching console. */
    public record Peer(String vm, SourceSpan vmSpan, Long console, SourceSpan consoleSpan) { }

    /** {@code mac "xx:xx:xx:xx:xx:xx"}. */
    public record Mac(List<Integer> bytes, SourceSpan span) {
        public Mac { bytes = List.copyOf(bytes); }
    }

    public record ConsoleDev(String compatible, long ipa, long size, SourceSpan span) { }

    /** A frame of the virtual interrupt controller at its IPA. */
    public record IpaFrame(String name, long ipa, long size) { }
}
