package org.shyperc.plan;

import java.util.List;

/** A shared-memory channel: one physical range mapped into several VMs. */
public record SharedPlan(String name, long pa, long size, List<Mapping> mappings) {

    public SharedPlan {
        mappings = List.copyOf(mappings);
    }

    public record Mapping(String vm, long ipa, boolean writable) { }
}
