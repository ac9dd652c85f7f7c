package org.shyperc.cli.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.codegen.report.Finding;
import org.shyperc.codegen.report.MemoryMapSvg;
import org.shyperc.codegen.report.ReportHtml;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.lower.Lower;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Plan;

/**
 * `check --report DIR`: the memory-map report of every system and board, with each problem
 * that is about a memory range drawn where it is. A system with errors has no Plan; it is
 * lowered here anyway, without the regions that could not be placed, only for drawing.
 */
public final class FindingsReport {
    private FindingsReport() { }

    /** File name ("system.board.html") to HTML. */
    public static Map<String, String> render(Compilation c, List<Diagnostic> diagnostics) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Compilation.Placed p : c.instances()) {
            Plan plan = p.plan() != null ? p.plan() : bestEffort(p.instance());
            if (plan == null) continue;
            List<Finding> findings = findings(p.instance(), diagnostics);
            out.put(plan.system() + "." + plan.board().name() + ".html",
                    ReportHtml.render(plan, MemoryMapSvg.render(plan, findings), findings));
        }
        return out;
    }

    private static Plan bestEffort(Instance in) {
        List<VmModel> vms = new ArrayList<>();
        for (VmModel vm : in.vms()) {
            vms.add(vm.withMemory(vm.memory().stream().filter(m -> m.pa() != -1).toList()));
        }
        List<SharedModel> shared = in.shared().stream().filter(s -> s.pa() != -1).toList();
        try {
            return Lower.lower(org.shyperc.compiler.layout.VmMaps.of(in.with(vms, shared)));
        } catch (RuntimeException broken) {
            return null; // too broken to draw; the diagnostics say why
        }
    }

    /** Problems whose primary span is a memory region, shared region or passthrough of this instance. */
    static List<Finding> findings(Instance in, List<Diagnostic> diagnostics) {
        // the drawn places by their spans, in drawing order: looked up per problem, not searched (a file with thousands
        // of problems and as many regions took minutes)
        Map<SourceSpan, List<Place>> places = new HashMap<>();
        for (VmModel vm : in.vms()) {
            for (VmModel.Mem m : vm.memory()) {
                add(places, m.span(), m.pa() != -1 ? new Place(null, m.pa(), m.size()) : new Place(vm.name(), m.ipa(), m.size()));
            }
            for (VmModel.Pt pt : vm.passthrough()) add(places, pt.span(), new Place(vm.name(), pt.ipa(), pt.device().size()));
        }
        for (SharedModel s : in.shared()) if (s.pa() != -1) add(places, s.span(), new Place(null, s.pa(), s.size()));
        List<Finding> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            for (Place p : places.getOrDefault(d.span(), List.of())) {
                out.add(new Finding(d.code().id(), d.message(), p.vm(), p.address(), p.size()));
            }
        }
        return out;
    }

    /** Where a problem is drawn: a VM's IPA range, or a PA range (no VM). */
    private record Place(String vm, long address, long size) { }

    private static void add(Map<SourceSpan, List<Place>> places, SourceSpan span, Place p) {
        if (span == null) return;
        places.computeIfAbsent(span, k -> new ArrayList<>()).add(p);
    }
}
