package org.shyperc.cli.build;

import java.util.ArrayList;
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
        List<Finding> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            for (VmModel vm : in.vms()) {
                for (VmModel.Mem m : vm.memory()) {
                    if (!d.span().equals(m.span())) continue;
                    out.add(m.pa() != -1 ? new Finding(d.code().id(), d.message(), null, m.pa(), m.size())
                            : new Finding(d.code().id(), d.message(), vm.name(), m.ipa(), m.size()));
                }
                for (VmModel.Pt pt : vm.passthrough()) {
                    if (d.span().equals(pt.span())) {
                        out.add(new Finding(d.code().id(), d.message(), vm.name(), pt.ipa(), pt.device().size()));
                    }
                }
            }
            for (SharedModel s : in.shared()) {
                if (d.span().equals(s.span()) && s.pa() != -1) {
                    out.add(new Finding(d.code().id(), d.message(), null, s.pa(), s.size()));
                }
            }
        }
        return out;
    }
}
