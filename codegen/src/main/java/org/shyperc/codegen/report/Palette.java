package org.shyperc.codegen.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.shyperc.plan.Plan;

/** One colour per VM, by declaration order; fixed so reports of the same plan look the same. */
public final class Palette {

    /** Colour-blind-safe (Okabe-Ito), then a few more. */
    static final List<String> VM_COLOURS = List.of("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00",
            "#f0e442", "#999933", "#882255", "#44aa99");
    static final String HYPERVISOR = "#555555";
    static final String SHARED = "#8e6cbf";
    static final String FREE = "#ffffff";

    /** The VMs' places by name (the first of a name): a drawing asks for a colour per row. */
    private final Map<String, Integer> places = new HashMap<>();

    private Palette(Plan plan) {
        for (int i = 0; i < plan.vms().size(); i++) places.putIfAbsent(plan.vms().get(i).name(), i);
    }

    /**
     * The colours of {@code plan}, for a whole drawing: made once, a look-up per row is a map's (a search of the VMs
     * per row took most of a minute for a report of thousands of VMs).
     */
    public static Palette of(Plan plan) {
        return new Palette(plan);
    }

    /** One VM's colour. */
    public static String vm(Plan plan, String vmName) {
        return of(plan).vm(vmName);
    }

    public String vm(String vmName) {
        Integer i = places.get(vmName);
        return i == null ? HYPERVISOR : VM_COLOURS.get(i % VM_COLOURS.size());
    }

    public String of(MapRow row) {
        return switch (row.kind()) {
            case HYPERVISOR -> HYPERVISOR;
            case SHARED -> SHARED;
            case FREE -> FREE;
            case COLOURED -> row.owner() == null ? SHARED : vm(row.owner());
            default -> vm(row.owner());
        };
    }
}
