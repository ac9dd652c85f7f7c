package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;
import org.shyperc.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The completion script completes in a real bash, and the man page renders without groff warnings. */
class CompletionAndManTest {

    private static String bash(Path script, String line) throws IOException, InterruptedException {
        String[] words = line.split(" ", -1);
        StringBuilder array = new StringBuilder();
        for (String w : words) array.append('"').append(w).append("\" ");
        String program = "source '" + script + "'\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(" + array + "); COMP_CWORD="
                + (words.length - 1) + "\n_complete_shyperc\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        // stderr dropped: `compopt` complains when not called by bash's completion machinery.
        Process p = new ProcessBuilder("bash", "-c", program).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void bashCompletesCommandsOptionsAndFormats(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("completion");
        assertEquals(0, run.status());
        Path script = Files.writeString(dir.resolve("shyperc.bash"), run.out());
        assertEquals(List.of("fmt"), bash(script, "shyperc fm").lines().toList());
        assertEquals(List.of("pretty", "line", "json", "sarif"), bash(script, "shyperc check --format ").lines().toList());
        assertTrue(bash(script, "shyperc fmt --ch").lines().toList().contains("--check"));
    }

    /** Every command at every depth has its section, and every option of it is described. */
    private static void assertDocumented(CommandLine cl, String page) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            String path = sub.getCommandSpec().qualifiedName(" ");
            assertTrue(page.contains(".SH \"" + ManPage.esc(path.toUpperCase(java.util.Locale.ROOT)) + "\""), path);
            for (OptionSpec o : sub.getCommandSpec().options()) {
                assertTrue(page.contains("\\fB" + ManPage.esc(o.longestName()) + "\\fR"), path + " " + o.longestName());
            }
            assertDocumented(sub, page);
        }
    }

    @Test
    void theManPageDocumentsEveryCommandAndOptionAndRendersCleanly(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("man");
        assertEquals(0, run.status());
        String page = run.out();
        assertTrue(page.startsWith(".TH SHYPERC 1 "), page);
        assertTrue(page.contains(".SH \"SHYPERC IMPORT DTB\""), "nested commands have sections");
        assertDocumented(Main.commandLine(), page);
        Path file = Files.writeString(dir.resolve("shyperc.1"), page);
        Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", file.toString()).redirectErrorStream(true).start();
        String warnings = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, groff.waitFor());
        assertEquals("", warnings);
    }
}
