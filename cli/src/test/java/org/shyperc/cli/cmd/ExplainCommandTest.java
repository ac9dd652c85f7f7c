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

    @Test
    void theListsColumnsLineUpWhateverTheLongestName() {
        CliRun list = CliRun.of("explain", "--list");
        assertEquals(0, list.status(), list.err());
        var lines = list.out().lines().toList();
        assertEquals(Codes.ALL.size(), lines.size());
        int longest = Codes.ALL.stream().mapToInt(c -> c.name().length()).max().orElseThrow();
        assertTrue(longest > 18, "the catalogue has names longer than the old fixed column");
        int severity = Codes.ALL.stream().mapToInt(c -> c.severity().label().length()).max().orElseThrow();
        for (int i = 0; i < lines.size(); i++) {
            var c = Codes.ALL.get(i);
            String line = lines.get(i);
            // the severity after the name column (one space past the longest name), the title after the severity column
            assertEquals(c.severity().label(), line.substring(9 + longest + 1).split(" ", 2)[0], line);
            assertTrue(line.endsWith(" " + c.title()), line);
            assertEquals(9 + longest + 1 + severity + 1, line.length() - c.title().length(), line);
        }
    }
}
