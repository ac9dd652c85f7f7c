package org.shyperc.codegen.emit;

import java.util.ArrayList;
import java.util.List;

import org.shyperc.codegen.output.OutputTree;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.codegen.report.MemoryMapSvg;
import org.shyperc.codegen.report.ReportHtml;
import org.shyperc.codegen.rustshyper.RustShyperEmitter;
import org.shyperc.codegen.uboot.BootScript;
import org.shyperc.plan.Plan;

/**
 * The entry point of codegen: every output of one system on one board, in memory.
 * The image linker adds shyper.elf/.bin to the same tree; the manifest comes last.
 */
public final class BuildOutputs {

    private BuildOutputs() { }

    /** Every output of one system on one board. Warnings are dropped; see {@link #emit}. */
    public static OutputTree emitAll(Plan plan, BuildInputs inputs) {
        return emit(plan, inputs).value();
    }

    /**
     * Every output, plus warnings about target limits the Plan does not check (e.g.
     * Rust-Shyper's 32-byte names). The tree is complete either way.
     */
    public static Result<OutputTree> emit(Plan plan, BuildInputs inputs) {
        OutputTree out = guestTrees(plan, inputs);
        Result<OutputTree> rest = configsAndReports(plan);
        out.putAll(rest.value());
        return new Result<>(out, rest.problems());
    }

    /**
     * {@code <vm>.dts} and {@code <vm>.dtb} for every VM: what the image linker needs. The two
     * halves of {@link #emit} share nothing, so a caller may run them on different threads.
     */
    public static OutputTree guestTrees(Plan plan, BuildInputs inputs) {
        OutputTree out = new OutputTree();
        GuestTreeEmitter.emit(plan, inputs, out);
        return out;
    }

    /** The Rust-Shyper configs, plan.json, the U-Boot script, the memory map and the report. */
    public static Result<OutputTree> configsAndReports(Plan plan) {
        OutputTree out = new OutputTree();
        List<Problem> problems = new ArrayList<>();
        RustShyperEmitter.emit(plan, out, problems);
        out.putText("plan.json", PlanJson.write(plan));
        BootScript.emit(plan, out);
        String svg = MemoryMapSvg.render(plan);
        out.putText("memory-map.svg", svg);
        out.putText("report.html", ReportHtml.render(plan, svg));
        return new Result<>(out, problems);
    }
}
