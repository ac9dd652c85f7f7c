package org.shyperc.codegen.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
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
        for (VmPlan vm : plan.vms()) {
            for (VmPlan.Region r : vm.memory()) {
                used.add(new MapRow(r.pa(), r.size(), vm.name() + " RAM", vm.name(), MapRow.Kind.RAM));
            }
        }
        for (SharedPlan s : plan.shared()) {
            used.add(new MapRow(s.pa(), s.size(), "shared " + s.name(), null, MapRow.Kind.SHARED));
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
            for (VmPlan.Passthrough p : vm.passthrough()) {
                rows.add(new MapRow(p.pa(), p.size(), p.device() + " → " + vm.name(), vm.name(), MapRow.Kind.DEVICE));
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

    /** What one VM sees, by IPA. */
    public static List<MapRow> ipa(VmPlan vm) {
        List<MapRow> rows = new ArrayList<>();
        String o = vm.name();
        for (VmPlan.Region r : vm.memory()) {
            rows.add(new MapRow(r.ipa(), r.size(), "RAM (PA 0x" + Long.toHexString(r.pa()) + ")", o, MapRow.Kind.RAM));
        }
        for (VmPlan.Passthrough p : vm.passthrough()) {
            rows.add(new MapRow(p.ipa(), p.size(), p.device() + " (PA 0x" + Long.toHexString(p.pa()) + ")", o,
                    MapRow.Kind.DEVICE));
        }
        for (VmPlan.Virtio v : vm.virtio()) {
            rows.add(new MapRow(v.ipa(), v.size(), "virtio " + v.kind() + " (IRQ " + v.irq() + ")", o, MapRow.Kind.VIRTUAL));
        }
        if (vm.console() != null) {
            rows.add(new MapRow(vm.console().ipa(), vm.console().size(), "console " + vm.console().compatible(), o,
                    MapRow.Kind.VIRTUAL));
        }
        VmPlan.VirtualGic g = vm.vgic();
        rows.add(new MapRow(g.distributorIpa(), g.distributorSize(), "vGIC distributor", o, MapRow.Kind.VIRTUAL));
        if (g.cpuInterfaceSize() > 0) {
            rows.add(new MapRow(g.cpuInterfaceIpa(), g.cpuInterfaceSize(), "vGIC CPU interface", o, MapRow.Kind.VIRTUAL));
        }
        if (g.redistributorSize() > 0) {
            rows.add(new MapRow(g.redistributorIpa(), g.redistributorSize(), "vGIC redistributors", o, MapRow.Kind.VIRTUAL));
        }
        for (VmPlan.SharedWindow w : vm.sharedWindows()) {
            rows.add(new MapRow(w.ipa(), w.size(), "shared " + w.region() + (w.writable() ? " (rw)" : " (ro)"), o,
                    MapRow.Kind.SHARED));
        }
        rows.sort(BY_ADDRESS);
        return rows;
    }
}
