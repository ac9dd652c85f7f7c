package org.shyperc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.shyperc.cli.CliRun;

/**
 * Microsoft's SARIF validator, `Sarif.Multitool validate` from the npm package
 * `@microsoft/sarif-multitool` (pinned in cli/src/test/sarif/package-lock.json; cli/pom.xml runs
 * `npm ci` there before the tests). It checks a log against its copy of the SARIF 2.1.0 schema
 * (JSON1xxx results) and against the SARIF rules (SARIF1xxx errors, SARIF2xxx advice), plus
 * GitHub code scanning's rules (GH1xxx).
 *
 * <p>Its exit status is 0 whether or not the log is valid: what it found is in the SARIF log it
 * writes. A log that its object model cannot read (a string where a number belongs, an unknown
 * `level`) comes back with no results at all, so the tests also validate with the schema in Java.
 */
final class SarifMultitool {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HOME = CliRun.root().resolve("cli/src/test/sarif");

    private SarifMultitool() {}

    /** The installed package for this platform; fails (never skips) when it is not there. */
    static Path packageDir() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String platform = os.startsWith("windows") ? "win32" : os.startsWith("mac") ? "darwin" : "linux";
        Path dir = HOME.resolve("node_modules/@microsoft/sarif-multitool-" + platform);
        assertTrue(Files.isDirectory(dir), dir + " is missing: run `npm ci` in " + HOME
                + " (mvn does it in generate-test-resources unless tests are skipped)");
        return dir;
    }

    /** The SARIF 2.1.0 schema the validator ships (JSON Schema 2020-12). */
    static Path schema() {
        return packageDir().resolve("sarif-2.1.0.json");
    }

    /** Validates {@code log}; returns the errors and warnings reported, as SARIF result objects. */
    static List<JsonNode> validate(Path log, Path work) throws IOException, InterruptedException {
        Path exe = packageDir().resolve(System.getProperty("os.name").startsWith("Windows")
                ? "Sarif.Multitool.exe" : "Sarif.Multitool");
        // The package's postinstall script makes it executable; `npm ci --ignore-scripts` does not.
        if (!Files.isExecutable(exe)) assertTrue(exe.toFile().setExecutable(true), "cannot make " + exe + " executable");
        Path report = work.resolve(log.getFileName() + ".validation.sarif");
        Path console = work.resolve(log.getFileName() + ".validation.txt");
        ProcessBuilder pb = new ProcessBuilder(exe.toString(), "validate", log.toString(),
                "--output", report.toString(), "--log", "ForceOverwrite",
                "--rule-kind", "Sarif;Ghas", "--level", "Error;Warning",
                // SARIF2006 sends an HTTP GET to every URI in the log; tests stay off the network.
                "--config", HOME.resolve("multitool-config.json").toString())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        // Without ICU (a fresh Debian 12 may lack libicu), and no debugger pipes left in /tmp.
        pb.environment().put("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
        pb.environment().put("DOTNET_EnableDiagnostics", "0");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("Sarif.Multitool did not finish in 5 minutes: " + Files.readString(console));
        }
        assertEquals(0, p.exitValue(), Files.readString(console));
        JsonNode run = JSON.readTree(report.toFile()).at("/runs/0");
        JsonNode invocation = run.at("/invocations/0");
        assertTrue(invocation.path("executionSuccessful").asBoolean(), invocation.toString());
        for (JsonNode n : invocation.path("toolExecutionNotifications")) {
            assertNotEquals("error", n.path("level").asText(), n.toString());
        }
        List<JsonNode> results = new ArrayList<>();
        run.path("results").forEach(results::add);
        return results;
    }

    /** `ruleId level: message arguments`, for assertions and their failure messages. */
    static String describe(JsonNode result) {
        return result.path("ruleId").asText() + " " + result.path("level").asText("warning") + ": "
                + result.at("/message/id").asText() + " " + result.at("/message/arguments");
    }
}
