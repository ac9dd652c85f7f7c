package org.shyperc.codegen.emit;

import java.util.ArrayList;
import java.util.List;

import org.shyperc.codegen.dts.Templates;
import org.shyperc.codegen.output.Json;
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
 * The image linker adds shyper.elf/.bin to the same tree; {@link #addManifest} comes last.
 */
public final class BuildOutputs {

    private BuildOutputs() { }

    /**
     * Loads and initialises what emitting needs (Velocity and its templates, Jackson) on a
     * daemon thread, so a CLI can call this before it starts compiling and the two overlap:
     * on a cold JVM that start-up is most of the emitters' cost. Calling it is optional.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            Templates.preload();
            Json.write(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("warm", 1));
        }, "shyperc-codegen-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Every output of one system on one board. Warnings are dropped; see {@link #emit}. */
    public static OutputTree emitAll(Plan plan, BuildInputs inputs) {
        return emit(plan, inputs).value();
    }

    /**
     * Every output, plus warnings about target limits the Plan does not check (e.g.
     * Rust-Shyper's 32-byte names). The tree is complete either way.
     */
    public static Result<OutputTree> emit(Plan plan, BuildInputs inputs) {
        OutputTree out = new OutputTree();
        List<Problem> problems = new ArrayList<>();
        GuestTreeEmitter.emit(plan, inputs, out);
        RustShyperEmitter.emit(plan, out, problems);
        out.putText("plan.json", PlanJson.write(plan));
        BootScript.emit(plan, out);
        String svg = MemoryMapSvg.render(plan);
        out.putText("memory-map.svg", svg);
        out.putText("report.html", ReportHtml.render(plan, svg));
        return new Result<>(out, problems);
    }
}
