package org.shyperc.compiler.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;

/**
 * SHY1204: no colour is used by two VMs, unless both declare it `shared`, nor by a VM and the
 * hypervisor. One pass over the colours of each owner, keeping the first owner of each colour (at
 * most 64) and the first VM that shares it: O(n); one finding per pair of owners, naming every
 * colour they share.
 */
public final class ColourShared implements Check {
    @Override
    public Code code() { return Codes.COLOUR_SHARED; }

    @Override
    public List<Code> prerequisites() { return List.of(Codes.COLOUR_RANGE); }

    private record Owner(String what, SourceSpan span, boolean shared, boolean hypervisor) { }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        int n = ColourRange.colours(in.board());
        if (n == 0) return;
        Owner[] first = new Owner[n];
        BoardModel.Hyp hyp = in.board().hyp();
        for (BoardModel.ColourRef c : hyp.colours()) {
            if (c.colour() < n && first[c.colour()] == null) first[c.colour()] = new Owner("the hypervisor", c.span(), false, true);
        }
        Map<List<Object>, List<Integer>> clashes = new LinkedHashMap<>();
        Map<List<Object>, Owner[]> sides = new LinkedHashMap<>();
        for (VmModel vm : in.vms()) {
            VmModel.Colours cs = vm.colours();
            if (cs == null || out.skips(cs.span())) continue;
            Owner me = new Owner("vm `" + vm.name() + "`", cs.span(), cs.shared(), false);
            for (int c : cs.picked()) {
                Owner f = first[c];
                if (f == null) {
                    first[c] = me;
                    continue;
                }
                // sharing is allowed between VMs that both say so; a VM that does not clashes with the first owner
                Owner other = me.shared() && !f.hypervisor() ? (f.shared() ? null : f) : f;
                if (other == null) continue;
                List<Object> key = List.of(me.span(), other.span());
                clashes.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
                sides.putIfAbsent(key, new Owner[] {me, other});
            }
        }
        for (Map.Entry<List<Object>, List<Integer>> e : clashes.entrySet()) {
            Owner me = sides.get(e.getKey())[0];
            Owner other = sides.get(e.getKey())[1];
            List<Integer> cs = e.getValue();
            String colours = (cs.size() == 1 ? "colour " : "colours ") + String.join(", ", cs.stream().map(String::valueOf).toList());
            out.report(me.span(), "VM" + me.what().substring(2) + " uses " + colours + ", which " + other.what()
                    + (other.hypervisor() ? " keeps for itself." : " uses too."))
                    .related(other.span(), other.what() + "'s colours are given here")
                    .hint(other.hypervisor() ? "Take colours the hypervisor does not list."
                            : "Give each VM colours of its own, or write `shared` after the colours of both VMs.");
        }
    }
}
