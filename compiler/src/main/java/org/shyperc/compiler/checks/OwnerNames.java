package org.shyperc.compiler.checks;

/**
 * Two owners' names are the same. A sweep asks this of nearly every neighbouring pair of a large system's ranges, which
 * mostly belong to different VMs: the hashes (kept in each String) tell those apart without reading either name's
 * text, one memory load fewer per pair in a walk bound by memory, not by instructions.
 */
final class OwnerNames {
    private OwnerNames() { }

    static boolean same(String a, String b) {
        return a == b || a.hashCode() == b.hashCode() && a.equals(b);
    }
}
