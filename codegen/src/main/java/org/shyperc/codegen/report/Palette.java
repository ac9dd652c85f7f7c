package org.shyperc.codegen.report;

import java.util.List;

import org.shyperc.plan.Plan;

/** One colour per VM, by declaration order; fixed so reports of the same plan look the same. */
public final class Palette {

    /** Colour-blind-safe (Okabe-Ito), then a few more. */
    static final List<String> VM_COLOURS = List.of("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00",
            "#f0e442", "#999933", "#882255", "#44aa99");
    static final String HYPERVISOR = "#555555";
    static final String SHARED = "#8e6cbf";
    static final String FREE = "#ffffff";

    private Palette() { }

    public static String vm(Plan plan, String vmName) {
        if (plan.vms().size() > 16) return byName(plan, vmName);
        for (int i = 0; i < plan.vms().size(); i++) {
            if (plan.vms().get(i).name().equals(vmName)) {
                return VM_COLOURS.get(i % VM_COLOURS.size());
            }
        }
        return HYPERVISOR;
    }

    /**
     * The VMs' places by name, of the plan asked last (held weakly: a language server keeps no plan alive for it). Asked
     * per row, a search of thousands of VMs took most of a minute.
     */
    private record Places(java.lang.ref.WeakReference<Plan> plan, java.util.Map<String, Integer> byName) { }

    private static volatile Places last;

    private static String byName(Plan plan, String vmName) {
        Places p = last;
        if (p == null || p.plan().get() != plan) {
            java.util.Map<String, Integer> byName = new java.util.HashMap<>();
            for (int i = 0; i < plan.vms().size(); i++) byName.putIfAbsent(plan.vms().get(i).name(), i);
            p = new Places(new java.lang.ref.WeakReference<>(plan), byName);
            last = p;
        }
        Integer i = p.byName().get(vmName);
        return i == null ? HYPERVISOR : VM_COLOURS.get(i % VM_COLOURS.size());
    }

    public static String of(Plan plan, MapRow row) {
        return switch (row.kind()) {
            case HYPERVISOR -> HYPERVISOR;
            case SHARED -> SHARED;
            case FREE -> FREE;
            case COLOURED -> row.owner() == null ? SHARED : vm(plan, row.owner());
            default -> vm(plan, row.owner());
        };
    }
}
