package org.shyperc.codegen.emit;

import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;

/**
 * The entry point of codegen: every output of one system on one board, in memory.
 * The image linker adds shyper.elf/.bin to the same tree; {@link #addManifest} comes last.
 */
public final class BuildOutputs {

    private BuildOutputs() { }

    public static OutputTree emitAll(Plan plan, BuildInputs inputs) {
        OutputTree out = new OutputTree();
        GuestTreeEmitter.emit(plan, inputs, out);
        return out;
    }
}
