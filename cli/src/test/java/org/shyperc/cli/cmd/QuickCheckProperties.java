package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.shyperc.cli.CliRun;
import picocli.CommandLine;

/**
 * `check` reads its usual arguments without picocli ({@link QuickCheck}). Whatever it accepts,
 * picocli must read the same way: the same files, format, codes, board-path folders and report
 * folder. What it does not accept it leaves to picocli, so it may refuse too much, never read
 * something otherwise. Argument lists drawn from the words that matter (options in their spellings,
 * values that look like options, argument files, `--`, help, repeated single options) check the first;
 * the fixed cases below make sure the plain forms are not all refused.
 */
class QuickCheckProperties {
    static final int TRIES = 3000;
    static final List<String> WORDS = List.of("a.shy", "dir/b.shy", "x=y.shy", "-", "--", "-h", "--help", "-V", "--version",
            "--format", "--format=json", "--format=", "--format=LINE", "json", "line", "JSON", "pretty", "sarif",
            "-W", "-E", "-A", "-Arust-shyper", "rust-shyper", "rs-no-management", "-Wmisaligned", "-W=misaligned", "-E=SHY0103", "misaligned", "SHY0103", "pa-overlap", "SHY9999",
            "--board-path", "--board-path=boards", "boards", "--report", "--report=out", "out", "@args.txt", "--frob", "-x",
            "", " a.shy", "check", "-Wpa-overlap");

    /** picocli's reading of {@code argv} (after `check`), or null when it refuses them. */
    static QuickCheck.Request picocli(List<String> argv) {
        CommandLine cl = org.shyperc.cli.Main.commandLine();
        List<String> all = new ArrayList<>();
        all.add("check");
        all.addAll(argv);
        try {
            CommandLine.ParseResult r = cl.parseArgs(all.toArray(String[]::new));
            if (r.subcommand() == null) return null;
            CommandLine.ParseResult sub = r.subcommand();
            if (sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) return null;
            return ((CheckCommand) sub.commandSpec().userObject()).request();
        } catch (CommandLine.ParameterException e) {
            return null;
        }
    }

    static QuickCheck.Request quick(List<String> argv) {
        List<String> all = new ArrayList<>();
        all.add("check");
        all.addAll(argv);
        return QuickCheck.parse(all.toArray(String[]::new));
    }

    @Test
    void whatItReadsPicocliReadsTheSame() {
        Map<String, Integer> seen = new TreeMap<>();
        QuickTheory.qt().withExamples(TRIES + TRIES / 10 + 2).withShrinkCycles(500)
                .forAll(lists().of(integers().between(0, WORDS.size() - 1)).ofSizeBetween(0, 7).map(ix -> ix.stream().map(WORDS::get).toList()))
                .checkAssert(argv -> {
                    QuickCheck.Request q = quick(argv);
                    seen.merge(q == null ? "left to picocli" : "read", 1, Integer::sum);
                    if (q != null) assertEquals(picocli(argv), q, () -> "check " + argv);
                });
        assertTrue(seen.getOrDefault("read", 0) >= TRIES / 20, "the generator should reach the accepted forms: " + seen);
    }

    @Test
    void plainFormsAreRead() {
        QuickCheck.Request r = quick(List.of("a.shy", "--format", "json", "-W", "rs-not-exported", "-E", "SHY0103",
                "-A", "rust-shyper", "--board-path=boards", "--report", "out", "-", "b.shy"));
        assertEquals(new QuickCheck.Request(List.of(Path.of("a.shy"), Path.of("-"), Path.of("b.shy")), DiagnosticOptions.Format.json,
                List.of("rs-not-exported"), List.of("SHY0103"), List.of("rust-shyper"), List.of(Path.of("boards")), Path.of("out")), r);
        assertEquals(picocli(List.of("a.shy", "--format", "json", "-W", "rs-not-exported", "-E", "SHY0103", "-A", "rust-shyper",
                "--board-path=boards", "--report", "out", "-", "b.shy")), r);
        assertNotNull(quick(List.of("system.shy")));
        assertEquals(DiagnosticOptions.Format.pretty, quick(List.of("system.shy")).format());
    }

    @Test
    void theRestIsLeftToPicocli() {
        for (List<String> argv : List.of(List.<String>of(), List.of("-h"), List.of("a.shy", "--help"), List.of("-V"), List.of("@args.txt"),
                List.of("--", "a.shy"), List.of("--format", "JSON", "a.shy"), List.of("--format", "json", "--format=line", "a.shy"),
                List.of("-Wmisaligned", "a.shy"), List.of("-W=misaligned", "a.shy"), List.of("a.shy", "--report"),
                List.of("--report", "--format", "a.shy"), List.of("--frob", "a.shy"), List.of("a\0.shy"), List.of("--report", "a", "--report", "b", "c.shy"))) {
            assertNull(quick(argv), () -> "check " + argv);
        }
        assertNull(QuickCheck.parse(new String[] {"build", "a.shy"}));
    }

    @Test
    void refusedValuesAreLeftToPicocli() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        for (List<String> argv : List.of(List.of("-W", "SHY9999", "a.shy"), List.of("-E", "nothing-like-it", "a.shy"),
                List.of("-W", "pa-overlap", "a.shy"), List.of("--board-path", "no/such/folder", "a.shy"),
                List.of("-A", "pa-overlap", "a.shy"), List.of("-A", "rust-shypr", "a.shy"))) {
            QuickCheck.Request r = quick(argv);
            assertNotNull(r, () -> "check " + argv);
            assertNull(QuickCheck.run(r, new PrintWriter(out), new PrintWriter(err)), () -> "check " + argv);
            // and picocli refuses them, with its message
            CliRun run = CliRun.of(concat("check", argv));
            assertEquals(2, run.status(), run.err());
        }
        assertEquals("", out.toString() + err.toString());
    }

    @Test
    void bothWaysPrintTheSame() {
        String file = CliRun.root().resolve("tests/diagnostics/_lib/board.shy").toString();
        for (List<String> argv : List.of(List.of(file), List.of("--format=line", file), List.of("--format", "json", "-E", "SHY0103", file))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Integer status = assertDoesNotThrow(() -> QuickCheck.run(quick(argv), new PrintWriter(out, true), new PrintWriter(err, true)));
            CliRun run = CliRun.of(concat("check", argv));
            assertEquals(run.status(), status, () -> "check " + argv);
            assertEquals(run.out(), out.toString(), () -> "check " + argv);
            assertEquals(run.err(), err.toString(), () -> "check " + argv);
        }
    }

    private static String[] concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray(String[]::new);
    }
}
