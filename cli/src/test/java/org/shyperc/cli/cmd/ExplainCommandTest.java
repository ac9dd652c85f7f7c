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

    /**
     * `explain pa-overlap` offered "Change its severity with `-W SHY0306`", which `check -W SHY0306` refuses, and that
     * refusal sends the user back to `explain`: each code's entry offers only what `check` takes.
     */
    @Test
    void theSeverityOptionsOfferedAreTheOnesCheckTakes() {
        assertTrue(CliRun.of("explain", "pa-overlap").out().endsWith("It is always an error: the shyper image cannot be "
                + "built with what it forbids, so `-W SHY0306` is refused.\n"));
        assertTrue(CliRun.of("explain", "SHY0404").out().endsWith("Make it a warning with `-W SHY0404`.\n"));
        assertTrue(CliRun.of("explain", "image-missing").out().endsWith(
                "Make it an error with `-E SHY0701`, or leave it out of the output with `-A SHY0701`.\n"));
        java.nio.file.Path file = CliRun.root().resolve("examples/qemu-virt-baremetal/system.shy");
        for (var c : Codes.ALL) {
            String entry = CliRun.of("explain", c.id()).out();
            for (String option : new String[] {"-W", "-E", "-A"}) {
                if (!entry.contains("with `" + option + " " + c.id() + "`")) continue;
                CliRun check = CliRun.of("check", option, c.id(), file.toString());
                assertTrue(check.status() != 2, c.id() + ": `explain` offers " + option + ", `check` refuses it: " + check.err() + check.out());
            }
            if (entry.contains("is refused")) {
                assertEquals(2, CliRun.of("check", "-W", c.id(), file.toString()).status(), c.id());
            }
        }
    }

    /** `explain 701` took the bare number, `check -A 701` called it an unknown code: the options take it alike. */
    @Test
    void theDiagnosticOptionsTakeABareNumberAsExplainDoes() {
        String file = CliRun.root().resolve("examples/qemu-virt/system.shy").toString();
        CliRun allowed = CliRun.of("check", "-A", "701", "-A", "rust-shyper", "--format", "line", file);
        assertEquals(0, allowed.status(), allowed.err());
        assertFalse(allowed.out().contains("SHY0701"), allowed.out());
        CliRun raised = CliRun.of("check", "-E", "0701", "--format", "line", file);
        assertEquals(1, raised.status(), raised.err());
        assertTrue(raised.out().contains("error[SHY0701]"), raised.out());
        assertEquals(2, CliRun.of("check", "-W", "306", file).status());
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
