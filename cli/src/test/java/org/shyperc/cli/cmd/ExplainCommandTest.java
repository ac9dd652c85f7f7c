package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shyperc.cli.CliRun;
import org.shyperc.dsl.diag.Codes;

/** `shyperc explain`: how it finds a code, and how it lists them. */
class ExplainCommandTest {

    @Test
    void aBareNumberIsTheCodeWithThatNumber() {
        for (String number : new String[] {"306", "0306"}) {
            CliRun explain = CliRun.of("explain", number);
            assertEquals(0, explain.status(), explain.err());
            assertTrue(explain.out().startsWith("SHY0306 (pa-overlap), error by default\n"), explain.out());
        }
        CliRun one = CliRun.of("explain", "1104");
        assertEquals(0, one.status(), one.err());
        assertTrue(one.out().startsWith("SHY1104 "), one.out());
    }

    @Test
    void aNumberNoCodeHasGetsTheNearestCodeOffered() {
        CliRun explain = CliRun.of("explain", "3066");
        assertEquals(2, explain.status());
        assertEquals("shyperc: no diagnostic code `3066`. Did you mean `SHY0306`?\n", explain.err());
    }

    @Test
    void noCodeIsNamedWithDigitsOnlySoANumberIsNeverAName() {
        Codes.ALL.forEach(c -> assertFalse(c.name().chars().allMatch(Character::isDigit), c.id()));
    }
}
