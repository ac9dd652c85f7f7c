package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;

/** `build --format json|sarif`: standard output is the one document, and what build says besides goes to standard error. */
class BuildCommandTest {
    static final String EXAMPLE = CliRun.root().resolve("examples/qemu-virt-baremetal/system.shy").toString();

    @Test
    void aBuildsWordsStayOutOfItsJsonOrSarif(@TempDir Path out) throws Exception {
        for (String format : new String[] {"json", "sarif"}) {
            CliRun run = CliRun.of("build", "--format", format, "-o", out.resolve(format).toString(), EXAMPLE);
            assertEquals(0, run.status(), run.err());
            new ObjectMapper().readTree(run.out()); // the whole of standard output is the document
            assertFalse(run.out().contains("Wrote"), run.out());
            assertTrue(run.err().startsWith("Wrote " + out.resolve(format).resolve("baremetal/qemu-virt")), run.err());
        }
        Path bad = out.resolve("bad.shy");
        Files.writeString(bad, Files.readString(Path.of(EXAMPLE)).replace("cpus [3]", "cpus [9]")
                .replace("../../hypervisor-runtime", CliRun.root().resolve("hypervisor-runtime").toString()));
        CliRun failed = CliRun.of("build", "--format", "json", "-o", out.resolve("bad").toString(), bad.toString());
        assertEquals(1, failed.status(), failed.err());
        new ObjectMapper().readTree(failed.out());
        assertEquals("Build failed; nothing was written.\n", failed.err());
        // the pretty output keeps both on standard output, as before
        CliRun pretty = CliRun.of("build", "-o", out.resolve("pretty").toString(), EXAMPLE);
        assertTrue(pretty.out().contains("Wrote " + out.resolve("pretty").resolve("baremetal/qemu-virt")), pretty.out());
    }
}
