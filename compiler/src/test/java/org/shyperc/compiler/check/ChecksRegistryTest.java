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

class ChecksRegistryTest {
    /** Codes of SHY03xx-SHY08xx that the binder, layout or linker report instead of a check class. */
    static final Set<Code> NOT_CHECKS = Set.of(Codes.NO_CORE, Codes.DRAM_EXHAUSTED, Codes.IMAGE_TOO_BIG); // the last: the image linker

    /** The export limits of Rust-Shyper (SHY09xx) that `check` reports too; the others are its importer's and exporter's. */
    static final Set<Code> TARGET_CHECKS = Set.of(Codes.RS_LIMIT, Codes.RS_NO_MANAGEMENT, Codes.RS_NOT_EXPORTED,
            Codes.RS_VIRTIO_CONFIG);

    @Test
    void everyInvariantCodeHasExactlyOneCheck() {
        Set<String> expected = new TreeSet<>();
        for (Code c : Codes.ALL) {
            int area = Integer.parseInt(c.id().substring(3, 5));
            if (area >= 3 && area <= 8 && !NOT_CHECKS.contains(c) || TARGET_CHECKS.contains(c)) expected.add(c.id());
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
        for (Check c : Checks.ALL) {
            assertTrue(Modifier.isFinal(c.getClass().getModifiers()), c.getClass() + " is not final");
            assertEquals("org.shyperc.compiler.checks", c.getClass().getPackageName());
        }
        assertEquals(List.copyOf(Checks.ALL).size(), new HashSet<>(Checks.ALL.stream().map(Object::getClass).toList()).size());
    }
}
