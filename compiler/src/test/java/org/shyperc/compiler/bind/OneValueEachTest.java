package org.shyperc.compiler.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * What binding makes of the corpus cases of items given twice, once their error is lowered to a
 * warning: the first value counts, nothing is merged or bound twice. The corpus checks the codes.
 */
class OneValueEachTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Compilation compile(String corpusCase, Code lowered) {
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).withSeverity(lowered, Severity.WARNING)
                .compile(List.of(ROOT.resolve("tests/diagnostics/" + corpusCase + ".shy")));
    }

    static Plan plan(Compilation c) {
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        Plan p = c.instances().get(0).plan();
        assertNotNull(p);
        return p;
    }

    @Test
    void aSecondCpusIsNotMergedIntoTheFirst() {
        assertEquals(List.of(0), plan(compile("names/cpus-twice", Codes.DUPLICATE)).vms().get(0).cpus());
    }

    @Test
    void aBoardListedTwiceIsBoundOnce() {
        Compilation c = compile("names/board-listed-twice", Codes.DUPLICATE);
        assertEquals(1, c.instances().size());
        assertEquals(1, c.diagnostics().size(), () -> c.diagnostics().toString());
    }

    @Test
    void anOverrideThatRedeclaresAKindIsReportedAndKeepsTheBaseKindAndModifiers() {
        Compilation c = compile("names/override-kind", Codes.DUPLICATE);
        assertEquals(List.of(Codes.DUPLICATE), c.diagnostics().stream().map(d -> d.code()).toList());
        VmPlan b = plan(c).vms().get(1);
        assertEquals(VmPlan.Kind.LINUX, b.kind());
        assertFalse(b.management());
        assertEquals(List.of(2), b.cpus());
    }

    @Test
    void anUnmappedSharedRegionGetsNoMemory() {
        assertEquals(List.of(), plan(compile("names/shared-unmapped", Codes.MISSING)).shared());
    }

    @Test
    void aDevicePassedThroughTwiceIsMappedOnceAndOverlapsNothing() {
        Compilation c = compile("devices/passthrough-twice", Codes.DUPLICATE);
        assertEquals(List.of(Codes.DUPLICATE), c.diagnostics().stream().map(d -> d.code()).toList());
        assertEquals(1, plan(c).vms().get(0).passthrough().size());
    }

    @Test
    void aLoadSizeIsReportedAndTheAddressStillCounts() {
        Compilation c = compile("names/load-size", Codes.TYPE);
        assertEquals(List.of(Codes.TYPE), c.diagnostics().stream().map(d -> d.code()).toList());
        assertEquals(0x4010_0000L, c.program().boards().get(0).hyp().loadAddress());
    }
}
