package org.shyperc.codegen.report;

import java.util.ArrayList;
import java.util.List;

import org.shyperc.plan.Colouring;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Who uses each last-level-cache colour of a coloured system: the picture under the memory map.
 * Colour c is page c of every period of DRAM (count pages, one of each colour), so the strip of
 * colours is also the picture of one period of PA: each VM's coloured RAM repeats it period after period.
 */
public final class CacheColours {

    /** One colour and who uses it, in declaration order of the VMs. */
    public record Cell(int colour, List<String> vms) {
        public Cell {
            vms = List.copyOf(vms);
        }
    }

    /** The strip ({@code count} cells), the coloured VMs, and the VMs whose RAM is not coloured (they use every colour). */
    public record Strip(int count, List<Cell> cells, List<String> coloured, List<String> uncoloured) {
        public Strip {
            cells = List.copyOf(cells);
            coloured = List.copyOf(coloured);
            uncoloured = List.copyOf(uncoloured);
        }
    }

    private CacheColours() { }

    /** The strip of a system with at least one coloured VM; null otherwise (its map has no colour picture). */
    public static Strip of(Plan plan) {
        int count = 0;
        List<String> coloured = new ArrayList<>();
        List<String> uncoloured = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            Colouring c = colouring(vm);
            if (c == null) {
                uncoloured.add(vm.name());
            } else {
                coloured.add(vm.name());
                count = c.count();
            }
        }
        if (coloured.isEmpty()) return null;
        List<List<String>> users = new ArrayList<>();
        for (int i = 0; i < count; i++) users.add(new ArrayList<>());
        for (VmPlan vm : plan.vms()) {
            Colouring c = colouring(vm);
            if (c == null) continue;
            for (int colour : c.colours()) users.get(colour).add(vm.name());
        }
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < count; i++) cells.add(new Cell(i, users.get(i)));
        return new Strip(count, cells, coloured, uncoloured);
    }

    /** A VM's colouring: every coloured RAM range of a VM has the VM's colours. */
    static Colouring colouring(VmPlan vm) {
        for (Mapping m : vm.mappings()) if (m.coloured()) return m.attributes().colouring();
        return null;
    }
}
