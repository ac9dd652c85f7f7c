package org.shyperc.compiler.check;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;

/**
 * What has failed so far, item by item. An item is a model element (a VM's RAM region, a
 * passthrough, a core it names, a device, a shared region...) and is known by the span it was
 * written at, which is also where every diagnostic about it points. An error marks the item at its
 * primary span as failed under its code; the binder marks items it could not read (a size in `MB`,
 * an address with a unit) as unreadable. A check then leaves out only the items that failed one of
 * its prerequisites, or that are unreadable, and checks everything else.
 */
public final class Failures {
    private final Map<SourceSpan, Set<Code>> failed;
    /** Never changes once bound, so scopes share it. */
    private final Set<SourceSpan> unreadable;
    /** Every code that failed some item: a check none of whose prerequisites is here skips nothing. */
    private final Set<Code> codes;
    /**
     * Items that take their extent from another (a passthrough from its device, a window from its
     * shared region), for the wholes that have failed or are unreadable: only those can make a part
     * skipped, and there are few of them, while a system may have 100k parts.
     */
    private Map<SourceSpan, SourceSpan> partOf;
    /** The instance whose parts these are, or null (a board's failures). */
    private final Instance parts;
    /** How many items had failed when {@link #partOf} was made: more since means wholes it may lack. */
    private int partOfFor = -1;

    /** {@code unreadable}: items the binder reported and could not read as written. */
    public Failures(Collection<SourceSpan> unreadable) {
        this(new HashMap<>(), Set.copyOf(unreadable), new HashMap<>(), new HashSet<>(), null);
    }

    private Failures(Map<SourceSpan, Set<Code>> failed, Set<SourceSpan> unreadable, Map<SourceSpan, SourceSpan> partOf,
            Set<Code> codes, Instance parts) {
        this.failed = failed;
        this.unreadable = unreadable;
        this.partOf = partOf;
        this.codes = codes;
        this.parts = parts;
    }

    /**
     * A copy to extend for one instance, which starts from its board's failures. A passthrough
     * is judged by its device's address and size, and a window by its shared region's size: when
     * the device or region failed, so do they.
     */
    public Failures forInstance(Instance in) {
        return new Failures(copyFailed(), unreadable, new HashMap<>(), new HashSet<>(codes), in);
    }

    private Map<SourceSpan, SourceSpan> partOf() {
        // failed items are only ever added, so a count that has not moved means no new whole
        if (parts != null && partOfFor != failed.size()) {
            Map<SourceSpan, SourceSpan> map = new HashMap<>();
            for (VmModel vm : parts.vms()) {
                for (VmModel.Pt p : vm.passthrough()) {
                    SourceSpan whole = p.device().span();
                    if (mayFail(whole)) map.put(p.span(), whole);
                }
            }
            for (SharedModel s : parts.shared()) {
                if (!mayFail(s.span())) continue;
                for (SharedModel.Mapping m : s.mappings()) map.put(m.span(), s.span());
            }
            partOf = map;
            partOfFor = failed.size();
        }
        return partOf;
    }

    private boolean mayFail(SourceSpan whole) {
        return failed.containsKey(whole) || unreadable.contains(whole);
    }

    /**
     * Before checks read these failures from several threads at once: what {@link #skips} would
     * make on its first call is made now, if any item can be left out at all.
     */
    public void readyForSharing() {
        if (!unreadable.isEmpty() || !codes.isEmpty()) partOf();
    }

    /** A copy for one board. */
    public Failures copy() {
        Failures out = new Failures(copyFailed(), unreadable, new HashMap<>(partOf), new HashSet<>(codes), parts);
        out.partOfFor = partOfFor;
        return out;
    }

    private Map<SourceSpan, Set<Code>> copyFailed() {
        Map<SourceSpan, Set<Code>> f = new HashMap<>();
        for (Map.Entry<SourceSpan, Set<Code>> e : failed.entrySet()) f.put(e.getKey(), new HashSet<>(e.getValue()));
        return f;
    }

    /** Records an error; warnings fail nothing. */
    public void add(Diagnostic d) {
        if (!d.isError()) return;
        Set<Code> at = failed.get(d.span());
        if (at == null) {
            at = new HashSet<>(2);
            failed.put(d.span(), at);
        }
        at.add(d.code());
        codes.add(d.code());
    }

    public void addAll(Collection<Diagnostic> ds) {
        for (Diagnostic d : ds) add(d);
    }

    /**
     * Whether a check with these prerequisites may leave any item out: something is unreadable,
     * or one of them failed somewhere. When not, {@link #skips} is false for every item, and a
     * check over many items need not ask.
     */
    public boolean mayLeaveOut(List<Code> prerequisites) {
        if (!unreadable.isEmpty()) return true;
        for (Code p : prerequisites) if (codes.contains(p)) return true;
        return false;
    }

    /** Whether a check with these prerequisites leaves the item at {@code item} out. */
    public boolean skips(SourceSpan item, List<Code> prerequisites) {
        if (item == null || !mayLeaveOut(prerequisites)) return false;
        SourceSpan whole = partOf().get(item);
        return (whole != null && failedItself(whole, prerequisites)) || failedItself(item, prerequisites);
    }

    private boolean failedItself(SourceSpan item, List<Code> prerequisites) {
        if (unreadable.contains(item)) return true;
        if (prerequisites.isEmpty()) return false;
        Set<Code> codes = failed.get(item);
        if (codes == null) return false;
        for (Code p : prerequisites) if (codes.contains(p)) return true;
        return false;
    }

    /**
     * Whether a finding names a left-out item, as its primary place or as one it was judged
     * against ("not inside the VM's RAM" relates every RAM region): then it is a follow-on.
     */
    public boolean involves(Diagnostic d, List<Code> prerequisites) {
        if (skips(d.span(), prerequisites)) return true;
        for (var r : d.related()) if (skips(r.span(), prerequisites)) return true;
        return false;
    }
}
