package org.shyperc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.compiler.targets.Target;
import org.shyperc.compiler.targets.Targets;

class ChecksRegistryTest {
    /** Codes of SHY03xx-SHY08xx, SHY11xx, SHY12xx and SHY14xx that the binder or layout report instead of a check class. */
    static final Set<Code> NOT_CHECKS = Set.of(Codes.NO_CORE, Codes.DRAM_EXHAUSTED,
            // build's, when it reads the images the checks measured
            Codes.IMAGE_CHANGED,
            // cache colouring: the board's LLC facts (binder), colours picked and pool placed (layout)
            Codes.LLC_GEOMETRY, Codes.COLOUR_NO_ROOM, Codes.COLOUR_EXHAUSTED,
            // memory attributes: where each applies and its sizes are read by the binder, aligned room found by placement
            Codes.ATTRIBUTE_MISPLACED, Codes.ATTRIBUTE_CONFLICT, Codes.HUGEPAGE_SIZE, Codes.HUGEPAGE_NO_ROOM);

    /** The export limits of Rust-Shyper (SHY09xx), its target's checks; the others are its importer's and exporter's. */
    static final Set<Code> TARGET_CHECKS = java.util.stream.Stream.of(org.shyperc.compiler.targets.RustShyper.TARGET)
            .flatMap(t -> t.checks().stream()).map(Check::code).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Names (SHY02xx): the checks among the binder's codes, of names that become file names. */
    static final Set<Code> NAME_CHECKS = Set.of(Codes.CASE_ONLY_NAMES, Codes.RESERVED_FILE_NAME);

    /** VM lifecycle (SHY15xx): its checks; SHY1501-SHY1504 are the binder's. */
    static final Set<Code> LIFECYCLE_CHECKS = Set.of(Codes.WATCHDOG_RANGE, Codes.WAITING_WITHOUT_MANAGEMENT,
            Codes.MANAGEMENT_WAITS, Codes.LIFECYCLE_ARCH, Codes.RS_LIFECYCLE);

    @Test
    void everyInvariantCodeHasExactlyOneCheck() {
        Set<String> expected = new TreeSet<>();
        for (Code c : Codes.ALL) {
            int area = Integer.parseInt(c.id().substring(3, 5));
            // 12: cache colouring, 13: doorbells, 14: memory attributes (issue 13)
            if ((area >= 3 && area <= 8 || area >= 11 && area <= 14) && !NOT_CHECKS.contains(c) || TARGET_CHECKS.contains(c)
                    || LIFECYCLE_CHECKS.contains(c) || NAME_CHECKS.contains(c)) {
                expected.add(c.id());
            }
        }
        Set<String> seen = new TreeSet<>();
        for (Check c : Checks.ALL) assertTrue(seen.add(c.code().id()), "two checks own " + c.code());
        assertEquals(expected, seen);
    }

    @Test
    void prerequisitesRunFirst() {
        Set<Code> before = new HashSet<>();
        // binder and layout codes are known before any check runs
        for (Code c : Codes.ALL) if (Checks.ALL.stream().noneMatch(k -> k.code() == c)) before.add(c);
        for (Check c : Checks.ALL) {
            for (Code p : c.prerequisites()) {
                assertTrue(before.contains(p), c.getClass().getSimpleName() + " runs before its prerequisite " + p);
            }
            before.add(c.code());
        }
    }

    @Test
    void checksAreSmallFinalClasses() {
        List<Class<?>> classes = Checks.ALL.stream().map(ChecksRegistryTest::unwrapped).map(Object::getClass).toList();
        for (Class<?> c : classes) {
            assertTrue(Modifier.isFinal(c.getModifiers()), c + " is not final");
            assertEquals("org.shyperc.compiler.checks", c.getPackageName());
        }
        assertEquals(classes.size(), new HashSet<>(classes).size());
    }

    @Test
    void everyTargetCheckRunsOnlyForItsTarget() {
        for (Target t : Targets.ALL) {
            for (Check c : t.checks()) {
                assertTrue(Checks.ALL.stream().anyMatch(k -> k instanceof TargetCheck tc && tc.target() == t
                        && tc.check().getClass() == c.getClass()), c.getClass() + " of " + t.name());
            }
        }
        for (Check c : Checks.INVARIANTS) assertTrue(!(c instanceof TargetCheck), c.toString());
    }

    private static Check unwrapped(Check c) {
        return c instanceof TargetCheck t ? t.check() : c;
    }
}
