package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;

/**
 * `-A`: a warning left out of what `check`, `build` and `run` print. The bare-metal example has no management VM, so
 * Rust-Shyper's export warns (SHY0918) although the system is right for shyperc's own image: the warning a new user
 * could not place, and what `-A rust-shyper` is for.
 */
class AllowOptionTest {
    static final String EXAMPLE = CliRun.root().resolve("examples/qemu-virt-baremetal/system.shy").toString();

    @Test
    void checkSaysWhichWarningsAreRustShypersAndHowToLeaveThemOut() {
        CliRun run = CliRun.of("check", EXAMPLE);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("warning[SHY0918]"), run.out());
        assertTrue(run.out().endsWith("0 errors, 1 warning.\nThe warning is about Rust-Shyper's configs; for a system not "
                + "deployed on Rust-Shyper, `-A rust-shyper` leaves it out.\n"), run.out());
    }

    @Test
    void leftOutByCodeByNameOrByGroup() {
        for (String key : new String[] {"rust-shyper", "rs-no-management", "SHY0918"}) {
            CliRun run = CliRun.of("check", "-A", key, EXAMPLE);
            assertEquals(0, run.status(), run.err());
            // the summary counts what -A left out: a CI log of "No problems found." alone hid that a warning was there
            assertEquals("No problems found; 1 warning left out with `-A`.\n", run.out(), key);
        }
        CliRun json = CliRun.of("check", "--format", "json", "-A", "rust-shyper", EXAMPLE);
        assertFalse(json.out().contains("SHY0918"), json.out());
        // raised by -E it is an error, and shown
        CliRun raised = CliRun.of("check", "-E", "rs-no-management", "-A", "rust-shyper", EXAMPLE);
        assertEquals(1, raised.status());
        assertTrue(raised.out().contains("error[SHY0918]"), raised.out());
    }

    @Test
    void buildLeavesTheWarningOutAndStillWritesRustShypersFiles(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("build", "-A", "rust-shyper", "-o", out.toString(), EXAMPLE);
        assertEquals(0, run.status(), run.err());
        assertFalse(run.out().contains("SHY0918"), run.out());
        assertTrue(Files.isRegularFile(out.resolve("baremetal/qemu-virt/rust-shyper/alpha.json")), run.out());
    }

    @Test
    void anErrorOrAnUnknownNameIsAUsageError() {
        CliRun error = CliRun.of("check", "-A", "pa-overlap", EXAMPLE);
        assertEquals(2, error.status());
        assertTrue(error.err().contains("SHY0306 (`pa-overlap`) is an error and cannot be left out; `-A` leaves out warnings only."),
                error.err());
        CliRun typo = CliRun.of("build", "-A", "rust-shypr", EXAMPLE);
        assertEquals(2, typo.status());
        assertTrue(typo.err().contains("Unknown diagnostic code `rust-shypr`. Did you mean `rust-shyper`?"), typo.err());
    }
}
