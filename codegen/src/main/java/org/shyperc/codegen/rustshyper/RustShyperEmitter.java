package org.shyperc.codegen.rustshyper;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shyperc.codegen.output.Json;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.codegen.output.Problem;
import org.shyperc.compiler.rustshyper.RustShyperLimits;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** {@code rust-shyper/<vm>.json} for every VM and {@code rust-shyper/<board>_def.rs} for the management VM. */
public final class RustShyperEmitter {

    private RustShyperEmitter() { }

    public static void emit(Plan plan, OutputTree out, List<Problem> problems) {
        RustShyperLimits.Platform platform = RustShyperLimits.platform(plan.board().arch(), plan.board().compatible());
        if (platform == null) {
            // Rust-Shyper has no support code for this board: nothing it could run (docs/outputs.md).
            return;
        }
        if (plan.vms().size() > RustShyperFormat.VM_LIMIT) {
            problems.add(Problem.of(Codes.RS_LIMIT, "The system has " + plan.vms().size()
                    + " VMs; Rust-Shyper runs at most " + RustShyperFormat.VM_LIMIT + ".", "rust-shyper/"));
        }
        ObjectNode management = null;
        VmPlan mvm = null;
        for (VmPlan vm : plan.vms()) {
            ObjectNode json = VmJsonExporter.export(plan, vm, problems);
            // Rust-Shyper's own files use a 4-space indent.
            out.putText("rust-shyper/" + vm.name() + ".json", Json.write(json, 4));
            if (vm.management() && management == null) {
                management = json;
                mvm = vm;
            }
        }
        if (management == null) {
            problems.add(Problem.of(Codes.RS_NO_MANAGEMENT, "No VM is the management VM, so no "
                    + platform.defFile + " is written; Rust-Shyper needs one on core 0.", "rust-shyper/"));
            return;
        }
        out.putText("rust-shyper/" + platform.defFile, MvmDefExporter.export(plan, platform, mvm, management));
    }
}
