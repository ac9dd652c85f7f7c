package org.shyperc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** `-W`/`-E`/`-A` and `build`'s own change: what is refused, and what a diagnostic becomes. */
class SeveritiesTest {
    static final SourceSpan AT = SourceSpan.startOf(SourceFile.of("s.shy", "x"));

    static Diagnostic diag(org.shyperc.dsl.diag.Code code) {
        return Diagnostic.of(code, AT, "A message.").build();
    }

    @Test
    void noneChangesNothing() {
        assertTrue(Severities.NONE.isEmpty());
        Diagnostic d = diag(Codes.PA_OVERLAP);
        assertSame(d, Severities.NONE.apply(d));
    }

    @Test
    void anErrorEveryTargetToleratesMayBeLowered() {
        Severities s = Severities.NONE.warn(Codes.MANAGEMENT_COUNT);
        assertFalse(s.isEmpty());
        assertEquals(Severity.WARNING, s.apply(diag(Codes.MANAGEMENT_COUNT)).severity());
        assertEquals(Severity.ERROR, s.apply(diag(Codes.PA_OVERLAP)).severity());
        Diagnostic w = diag(Codes.IMAGE_MISSING);
        assertSame(w, Severities.NONE.warn(Codes.IMAGE_MISSING).apply(w)); // already a warning: the same object
    }

    @Test
    void anErrorTheImageCannotBeBuiltWithIsRefused() {
        Severities.Refused r = assertThrows(Severities.Refused.class, () -> Severities.NONE.warn(Codes.PA_OVERLAP));
        assertEquals("SHY0306 (`pa-overlap`) cannot be made a warning: the shyper image cannot be built with what it "
                + "forbids, so `check` would pass what `build` refuses. `shyperc explain SHY0306` says what it checks.",
                r.getMessage());
    }

    @Test
    void aWarningMayBeRaised() {
        Severities s = Severities.NONE.error(Codes.IMAGE_MISSING);
        assertEquals(Severity.ERROR, s.apply(diag(Codes.IMAGE_MISSING)).severity());
        assertEquals("A message.", s.apply(diag(Codes.IMAGE_MISSING)).message());
    }

    @Test
    void buildMakesMissingImagesErrorsUnlessTheUserLoweredThem() {
        Severities b = Severities.NONE.forBuild();
        assertEquals(Severity.ERROR, b.apply(diag(Codes.IMAGE_MISSING)).severity());
        // lowering another code keeps build possible, and keeps that change
        Severities lowered = Severities.NONE.warn(Codes.MANAGEMENT_COUNT).forBuild();
        assertEquals(Severity.WARNING, lowered.apply(diag(Codes.MANAGEMENT_COUNT)).severity());
        assertEquals(Severity.ERROR, lowered.apply(diag(Codes.IMAGE_MISSING)).severity());
        Severities.Refused r = assertThrows(Severities.Refused.class,
                () -> Severities.NONE.warn(Codes.IMAGE_MISSING).forBuild());
        assertEquals("SHY0701 (`image-missing`) cannot be a warning when building: the image holds every guest image.",
                r.getMessage());
        // raised, not lowered: build goes on
        assertEquals(Severity.ERROR, Severities.NONE.error(Codes.IMAGE_MISSING).forBuild().apply(diag(Codes.IMAGE_MISSING))
                .severity());
    }

    @Test
    void withIsUncheckedAndTheLastChangeWins() {
        Severities s = Severities.NONE.with(Codes.PA_OVERLAP, Severity.WARNING);
        assertEquals(Severity.WARNING, s.apply(diag(Codes.PA_OVERLAP)).severity());
        assertEquals(Severity.ERROR, s.error(Codes.PA_OVERLAP).apply(diag(Codes.PA_OVERLAP)).severity());
        assertTrue(Severities.NONE.isEmpty());
    }

    @Test
    void aWarningMayBeLeftOutAnErrorMayNot() {
        Severities s = Severities.NONE.allow(Codes.RS_NO_MANAGEMENT);
        assertFalse(s.isEmpty());
        assertTrue(s.leavesOut(s.apply(diag(Codes.RS_NO_MANAGEMENT))));
        assertFalse(s.leavesOut(s.apply(diag(Codes.RS_NOT_EXPORTED))));
        Diagnostic kept = diag(Codes.IMAGE_MISSING);
        assertEquals(java.util.List.of(kept), s.shown(java.util.List.of(diag(Codes.RS_NO_MANAGEMENT), kept)));
        Severities.Refused r = assertThrows(Severities.Refused.class, () -> Severities.NONE.allow(Codes.PA_OVERLAP));
        assertEquals("SHY0306 (`pa-overlap`) is an error and cannot be left out; `-A` leaves out warnings only. "
                + "`shyperc explain SHY0306` says what it checks.", r.getMessage());
        // raised by -E, whichever came first, it is shown
        assertFalse(s.error(Codes.RS_NO_MANAGEMENT).leavesOut(s.error(Codes.RS_NO_MANAGEMENT).apply(diag(Codes.RS_NO_MANAGEMENT))));
        Severities raisedFirst = Severities.NONE.error(Codes.RS_NO_MANAGEMENT).allow(Codes.RS_NO_MANAGEMENT);
        assertFalse(raisedFirst.leavesOut(raisedFirst.apply(diag(Codes.RS_NO_MANAGEMENT))));
    }

    @Test
    void theRustShyperGroupIsItsExportWarnings() {
        java.util.List<org.shyperc.dsl.diag.Code> g = Severities.group("rust-shyper");
        assertTrue(g.contains(Codes.RS_NO_MANAGEMENT) && g.contains(Codes.RS_NOT_EXPORTED) && g.contains(Codes.RS_VIRTIO_CONFIG)
                && g.contains(Codes.RS_LIMIT) && g.contains(Codes.RS_LIFECYCLE), g::toString);
        for (org.shyperc.dsl.diag.Code c : g) {
            assertEquals(Severity.WARNING, c.severity(), c::id);
            assertTrue(c.name().startsWith("rs-"), c::id);
        }
        assertFalse(g.contains(Codes.RS_NUMBER)); // an error: never in a group -A takes
        assertEquals(g, Severities.group("Rust-Shyper"));
        assertTrue(Severities.group("rs-limit").isEmpty());
        // -A KEY: the group, a name or an id; null for neither
        Severities all = Severities.NONE.allow("rust-shyper");
        for (org.shyperc.dsl.diag.Code c : g) assertTrue(all.leavesOut(diag(c)), c::id);
        assertTrue(Severities.NONE.allow("rs-limit").leavesOut(diag(Codes.RS_LIMIT)));
        assertFalse(Severities.NONE.allow("SHY0918").leavesOut(diag(Codes.RS_LIMIT)));
        assertEquals(null, Severities.NONE.allow("rust-shypr"));
    }
}
