package org.shyperc.codegen.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Mappings;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;

/** The rows the SVG and the HTML report draw: the physical map and one IPA map per VM, sorted by address. */
public final class MemoryMaps {

    private static final Comparator<MapRow> BY_ADDRESS = Comparator.comparingLong(MapRow::start)
            .thenComparingLong(MapRow::size).thenComparing(MapRow::label);

    private MemoryMaps() { }

    /** Every DRAM bank split into hypervisor, VM RAM, shared and free parts, then passthrough MMIO. */
    public static List<MapRow> physical(Plan plan) {
        List<MapRow> used = new ArrayList<>();
        used.add(new MapRow(plan.hypervisor().reserveBase(), plan.hypervisor().reserveSize(), "hypervisor", null,
                MapRow.Kind.HYPERVISOR));
        List<long[]> stretches = new ArrayList<>(); // cache colouring: {pa, end, vm index}
        for (VmPlan vm : plan.vms()) {
            for (Mapping m : vm.mappings()) {
                if (m.kind() == Mapping.Kind.RAM && m.coloured()) {
                    stretches.add(new long[] {m.pa(), m.paSpanEnd(), plan.vms().indexOf(vm)});
                } else if (m.kind() == Mapping.Kind.RAM) {
                    used.add(new MapRow(m.pa(), m.size(), vm.name() + " RAM" + attributes(m), vm.name(), MapRow.Kind.RAM));
                }
            }
        }
        used.addAll(coloured(plan, stretches));
        java.util.Map<String, String> sharedAttributes = sharedAttributes(plan);
        for (SharedPlan s : plan.shared()) {
            used.add(new MapRow(s.pa(), s.size(), "shared " + s.name() + sharedAttributes.getOrDefault(s.name(), ""), null,
                    MapRow.Kind.SHARED));
        }
        used.sort(BY_ADDRESS);
        List<MapRow> rows = new ArrayList<>();
        for (BoardPlan.MemoryBank bank : plan.board().dram()) {
            long at = bank.base();
            for (MapRow u : used) {
                if (u.end() <= bank.base() || u.start() >= bank.end()) {
                    continue;
                }
                if (u.start() > at) {
                    rows.add(new MapRow(at, u.start() - at, "free (" + bank.name() + ")", null, MapRow.Kind.FREE));
                }
                rows.add(u);
                at = Math.max(at, u.end());
            }
            if (at < bank.end()) {
                rows.add(new MapRow(at, bank.end() - at, "free (" + bank.name() + ")", null, MapRow.Kind.FREE));
            }
        }
        for (VmPlan vm : plan.vms()) {
            for (Mapping m : vm.mappings()) {
                if (m.kind() == Mapping.Kind.PASSTHROUGH) {
                    rows.add(new MapRow(m.pa(), m.size(), m.name() + attributes(m) + " → " + vm.name(), vm.name(),
                            MapRow.Kind.DEVICE));
                } else if (m.kind() == Mapping.Kind.WINDOW) {
                    rows.add(new MapRow(m.pa(), m.size(), window(vm, m) + attributes(m) + " → " + vm.name(), vm.name(),
                            MapRow.Kind.DEVICE));
                }
            }
        }
        DevicePlan console = plan.board().device(plan.hypervisor().console());
        if (console != null) {
            rows.add(new MapRow(console.base(), console.size(), console.name() + " (hypervisor console)", null,
                    MapRow.Kind.HYPERVISOR));
        }
        rows.sort(BY_ADDRESS);
        return rows;
    }

    /**
     * cache colouring: coloured VMs share stretches of DRAM page by page, so overlapping stretches are one row naming
     * each VM in it ("coloured RAM: alpha, beta (32 colours)"); the map draws one period of it and the colour strip.
     */
    private static List<MapRow> coloured(Plan plan, List<long[]> stretches) {
        stretches.sort(Comparator.comparingLong((long[] s) -> s[0]).thenComparingLong(s -> s[2]));
        List<MapRow> rows = new ArrayList<>();
        int i = 0;
        while (i < stretches.size()) {
            long start = stretches.get(i)[0];
            long end = stretches.get(i)[1];
            java.util.TreeSet<Integer> vms = new java.util.TreeSet<>();
            while (i < stretches.size() && stretches.get(i)[0] < end) {
                end = Math.max(end, stretches.get(i)[1]);
                vms.add((int) stretches.get(i)[2]);
                i++;
            }
            List<String> parts = new ArrayList<>();
            int count = 0;
            for (int v : vms) {
                VmPlan vm = plan.vms().get(v);
                count = CacheColours.colouring(vm).count();
                parts.add(vm.name());
            }
            rows.add(new MapRow(start, end - start, "coloured RAM: " + String.join(", ", parts) + " (" + count + " colours)",
                    vms.size() == 1 ? plan.vms().get(vms.first()).name() : null, MapRow.Kind.COLOURED));
        }
        return rows;
    }

    /** "8-15", "16-19,24-27". */
    static String ranges(List<Integer> colours) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < colours.size()) {
            int j = i;
            while (j + 1 < colours.size() && colours.get(j + 1) == colours.get(j) + 1) j++;
            out.add(i == j ? String.valueOf(colours.get(i)) : colours.get(i) + "-" + colours.get(j));
            i = j + 1;
        }
        return String.join(",", out);
    }

    /** What one VM sees, by IPA: its mapping list. */
    public static List<MapRow> ipa(VmPlan vm) {
        List<MapRow> rows = new ArrayList<>();
        String o = vm.name();
        for (Mapping m : vm.mappings()) {
            MapRow row = switch (m.kind()) {
                case RAM -> new MapRow(m.ipa(), m.size(), "RAM (PA 0x" + Long.toHexString(m.pa())
                        + (m.coloured() ? ", colours " + ranges(m.attributes().colouring().colours()) + " of "
                                + m.attributes().colouring().count() : "") + ")" + attributes(m), o, MapRow.Kind.RAM);
                case PASSTHROUGH -> new MapRow(m.ipa(), m.size(), m.name() + " (PA 0x" + Long.toHexString(m.pa()) + ")"
                        + attributes(m), o, MapRow.Kind.DEVICE);
                case WINDOW -> new MapRow(m.ipa(), m.size(), window(vm, m) + " (PA 0x" + Long.toHexString(m.pa()) + ")"
                        + attributes(m), o, MapRow.Kind.DEVICE);
                case VIRTIO -> new MapRow(m.ipa(), m.size(), "virtio " + m.name() + " (IRQ " + virtioIrq(vm, m.ipa()) + ")", o,
                        MapRow.Kind.VIRTUAL);
                case CONSOLE -> new MapRow(m.ipa(), m.size(), "console " + m.name(), o, MapRow.Kind.VIRTUAL);
                case VGIC_DISTRIBUTOR -> new MapRow(m.ipa(), m.size(), "vGIC distributor", o, MapRow.Kind.VIRTUAL);
                case VGIC_CPU_INTERFACE -> new MapRow(m.ipa(), m.size(), "vGIC CPU interface", o, MapRow.Kind.VIRTUAL);
                case VGIC_REDISTRIBUTOR -> new MapRow(m.ipa(), m.size(), "vGIC redistributors", o, MapRow.Kind.VIRTUAL);
                case VIRTUAL_PLIC -> new MapRow(m.ipa(), m.size(), "virtual PLIC", o, MapRow.Kind.VIRTUAL);
                case SHARED -> new MapRow(m.ipa(), m.size(), "shared " + m.name()
                        + (m.access() == Mapping.Access.READ_WRITE ? " (rw)" : " (ro)") + attributes(m), o, MapRow.Kind.SHARED);
            };
            rows.add(row);
        }
        rows.sort(BY_ADDRESS);
        return rows;
    }

    /**
     * The attributes a mapping has beyond its kind's own, as the language writes them: " [nocache]", " [device]",
     * " [hugepages 2 MiB]"; empty when it has none, so maps of systems without them read as before.
     */
    static String attributes(Mapping m) {
        List<String> out = new ArrayList<>();
        if (!m.attributes().memory().equals(Mappings.defaults(m.kind()).memory())) {
            out.add(m.attributes().memory() == Mapping.MemoryType.DEVICE ? "device"
                    : m.attributes().memory() == Mapping.MemoryType.NORMAL_NONCACHEABLE ? "nocache" : "cached");
        }
        Long block = m.attributes().block();
        if (block != null) out.add("hugepages " + (block >= 1L << 30 ? (block >> 30) + " GiB" : (block >> 20) + " MiB"));
        return out.isEmpty() ? "" : " [" + String.join(", ", out) + "]";
    }

    /** Each shared region's attributes, from the VMs' windows onto it (they are the region's). */
    private static java.util.Map<String, String> sharedAttributes(Plan plan) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (VmPlan vm : plan.vms()) {
            for (Mapping m : vm.mappings()) {
                if (m.kind() == Mapping.Kind.SHARED) out.putIfAbsent(m.name(), attributes(m));
            }
        }
        return out;
    }

    /** "passthrough window (uart1, gpio)": the devices in it, as the Plan lists them. */
    private static String window(VmPlan vm, Mapping m) {
        for (VmPlan.Window w : vm.windows()) {
            if (w.ipa() == m.ipa() && !w.devices().isEmpty()) return "passthrough window (" + String.join(", ", w.devices()) + ")";
        }
        return "passthrough window";
    }

    private static int virtioIrq(VmPlan vm, long ipa) {
        for (VmPlan.Virtio v : vm.virtio()) if (v.ipa() == ipa) return v.irq();
        return -1;
    }
}
