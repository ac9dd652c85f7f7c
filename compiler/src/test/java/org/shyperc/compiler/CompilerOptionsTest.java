package org.shyperc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Severity;

/** Severity tuning: `check` warns about missing images, `build` refuses them; -W/-E move one code. */
class CompilerOptionsTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    static final Path MISSING_IMAGE = ROOT.resolve("tests/diagnostics/images/image-missing.shy");
    static final Path DMA = ROOT.resolve("tests/diagnostics/devices/dma-unisolated.shy");

    static Compiler compiler() { return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL); }

    @Test
    void aMissingImageIsAWarningInCheckAndThePlanIsMade() {
        Compilation c = compiler().compile(List.of(MISSING_IMAGE));
        assertFalse(c.hasErrors());
        assertEquals(Severity.WARNING, only(c).severity());
        assertNotNull(c.instances().get(0).plan());
    }

    @Test
    void forBuildAMissingImageIsAnErrorAndNoPlanIsMade() {
        Compilation c = compiler().forBuild().compile(List.of(MISSING_IMAGE));
        assertTrue(c.hasErrors());
        assertEquals(Codes.IMAGE_MISSING, only(c).code());
        assertEquals(Severity.ERROR, only(c).severity());
        assertNull(c.instances().get(0).plan());
    }

    @Test
    void aWarningRaisedWithMinusEWithholdsThePlan() {
        assertNotNull(compiler().compile(List.of(DMA)).instances().get(0).plan());
        Compilation c = compiler().withSeverity(Codes.DMA_UNISOLATED, Severity.ERROR).compile(List.of(DMA));
        assertTrue(c.hasErrors());
        assertNull(c.instances().get(0).plan());
    }

    @Test
    void anErrorLoweredWithMinusWLetsThePlanThrough() {
        Path shared = ROOT.resolve("tests/diagnostics/devices/subpage-sharing.shy");
        assertNull(compiler().compile(List.of(shared)).instances().get(0).plan());
        Compilation c = compiler().withSeverity(Codes.SUBPAGE_SHARING, Severity.WARNING).compile(List.of(shared));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        assertNotNull(c.instances().get(0).plan());
    }

    private static Diagnostic only(Compilation c) {
        assertEquals(1, c.diagnostics().size(), () -> c.diagnostics().toString());
        return c.diagnostics().get(0);
    }
}
