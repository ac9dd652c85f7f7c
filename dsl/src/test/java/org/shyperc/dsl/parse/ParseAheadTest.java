package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.Gens;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.format.RandomShyText;
import org.shyperc.dsl.source.SourceFile;

/**
 * A large file's parts parsed on other threads ({@link ParseAhead}) never change the fast parser's result:
 * parts at any offsets, of any kind, give the serial AST and diagnostics, or the same "left to ANTLR".
 */
class ParseAheadTest {
    private static final ParseAhead.Kind[] KINDS = ParseAhead.Kind.values();

    /**
     * The serial result and the one with parts at {@code offsets}. With {@code settled} every part is parsed
     * before the parser from the start begins, so which parts are used depends on the text alone; otherwise the
     * two race, as in use. Returns how many parts were used when settled (0 otherwise).
     */
    private static int sameWithParts(String text, int[] offsets, ParseAhead.Kind[] kinds, boolean settled) {
        SourceFile f = SourceFile.of("parts.shy", text);
        Result<ShyFile> serial = DslParser.fast(f, null);
        ParseAhead ahead = ParseAhead.at(f, offsets, kinds);
        if (settled) ahead.settled();
        Result<ShyFile> parts = DslParser.fast(f, ahead);
        if (serial == null) {
            assertNull(parts, "the serial parser left it to ANTLR, the one with parts did not");
        } else {
            assertNotNull(parts, "the one with parts left to ANTLR what the serial parser took");
            assertEquals(serial.value(), parts.value());
            assertEquals(serial.diagnostics(), parts.diagnostics());
        }
        return settled ? ahead.spliced() : 0;
    }

    /**
     * One to four parts: most where {@link ParseAhead#candidate} would plan one from a random point, the rest at
     * any line's first token or any offset at all, of any kind.
     */
    private static Object[] parts(Random r, String text) {
        int n = 1 + r.nextInt(4);
        int[] at = new int[n];
        ParseAhead.Kind[] kinds = new ParseAhead.Kind[n];
        for (int i = 0; i < n; i++) {
            int from = r.nextInt(text.length() + 1);
            int[] planned = r.nextInt(3) > 0 ? ParseAhead.candidate(text, Math.max(1, from)) : null;
            if (planned != null) {
                at[i] = planned[0];
                kinds[i] = KINDS[planned[1]];
                continue;
            }
            int line = Math.max(0, text.lastIndexOf('\n', Math.max(0, from - 1)) + 1);
            while (r.nextBoolean() && line < text.length() && (text.charAt(line) == ' ' || text.charAt(line) == '\t')) line++;
            at[i] = r.nextBoolean() ? line : from;
            kinds[i] = KINDS[r.nextInt(KINDS.length)];
        }
        return new Object[] {text, at, kinds, r.nextBoolean()};
    }

    @Test
    void randomFilesWithPartsAnywhereParseAsOnOneThread() {
        AtomicInteger used = new AtomicInteger();
        Gens.qt(600).forAll(Gens.fromRandom(r -> parts(r, RandomShyText.generate(r) + "\n" + RandomShyText.generate(r))))
                .checkAssert(c -> used.addAndGet(sameWithParts((String) c[0], (int[]) c[1], (ParseAhead.Kind[]) c[2],
                        (Boolean) c[3])));
        assertTrue(used.get() > 50, "parts were used " + used.get() + " times: the property tests too little");
    }

    @Test
    void editedRepositoryFilesWithPartsAnywhereParseAsOnOneThread() {
        Gens.qt(600).forAll(FastParserMatchesAntlrTest.editedFiles().map(t -> parts(new Random(t.hashCode()), t)))
                .checkAssert(c -> sameWithParts((String) c[0], (int[]) c[1], (ParseAhead.Kind[]) c[2], (Boolean) c[3]));
    }

    /** A board of {@code devices} devices and a system of {@code vms} VMs of {@code regions} regions each. */
    static String large(int devices, int vms, int regions) {
        StringBuilder b = new StringBuilder("import board \"x.shy\"\n\nboard big {\n  arch aarch64\n  cpus 4\n");
        for (int i = 0; i < devices; i++) {
            b.append("  device d").append(i).append(" \"x,dev\" @ 0x").append(Long.toHexString(0x10_0000_0000L + i * 4096L))
                    .append(" size 4 KiB").append(i < 900 ? " irq " + (34 + i) : "").append('\n');
        }
        b.append("}\n\nsystem s for big {\n");
        for (int v = 0; v < vms; v++) {
            b.append("  vm v").append(v).append(" : baremetal {\n    cpus [").append(v % 4).append("]\n");
            b.append("    kernel \"Image\" @ 0x4008_0000\n");
            for (int j = 0; j < regions; j++) {
                b.append("    memory @ 0x").append(Long.toHexString(0x4000_0000L + j * 65536L)).append(" size 64 KiB\n");
            }
            b.append("    passthrough d").append(v).append("\n  }\n");
        }
        b.append("  shared chan size 4 KiB { v0 @ 0x9000_0000 rw; v1 @ 0x9000_0000 ro }\n  console to v0\n}\n");
        return b.toString();
    }

    @Test
    void aLargeFileIsSplitAtItsItemsAndEveryPartIsUsed() {
        String text = large(6000, 120, 60);
        SourceFile f = SourceFile.of("large.shy", text);
        ParseAhead ahead = ParseAhead.start(f, 4);
        assertNotNull(ahead, "a " + text.length() + "-character file is parsed in parts");
        ahead.settled(); // else the parser from the start takes over a part no pool thread has begun
        Result<ShyFile> parts = DslParser.fast(f, ahead);
        Result<ShyFile> serial = DslParser.fast(f, null);
        assertNotNull(serial);
        assertNotNull(parts);
        assertEquals(serial.value(), parts.value());
        assertEquals(3, ahead.spliced(), "three parts planned, and each used");
        assertEquals(6002, parts.value().boards().get(0).items().size());
        assertEquals(120, parts.value().systems().get(0).vms().size());
    }

    /** A part starts at a declaration's line, or at an item of the declaration it is in; never at a VM's own items. */
    @Test
    void partsStartAtDeclarationsOrAtTheirItems() {
        String text = large(10, 3, 3);
        assertEquals(List.of(text.indexOf("system s"), ParseAhead.Kind.TOP.ordinal()),
                List.of(ParseAhead.candidate(text, text.indexOf("\n}\n") + 1)[0], ParseAhead.candidate(text, text.indexOf("\n}\n") + 1)[1]));
        int[] inBoard = ParseAhead.candidate(text, text.indexOf("device d4") + 3);
        assertEquals(List.of(text.indexOf("device d5"), ParseAhead.Kind.BOARD.ordinal()), List.of(inBoard[0], inBoard[1]));
        int[] inVm = ParseAhead.candidate(text, text.indexOf("memory @", text.indexOf("vm v1")));
        assertEquals(List.of(text.indexOf("vm v2"), ParseAhead.Kind.SYSTEM.ordinal()), List.of(inVm[0], inVm[1]));
        assertNull(ParseAhead.candidate(text, text.indexOf("console to")));
    }

    /**
     * Looking for where parts start reads each line's first token; a blank line's "first token" is on a later
     * line, and thousands of blank lines each scanned to the end of the run took quadratic time. A guard, not a
     * speed goal: this takes milliseconds.
     */
    @Test
    void blankLinesAndCommentsAreNotScannedAgainForEachLine() {
        String text = "board b {\n" + "\n".repeat(400_000) + "  // note\n  /* c */\n".repeat(20_000)
                + "  device d \"x\" @ 0x1000 size 4 KiB\n}\n";
        SourceFile f = SourceFile.of("blank.shy", text);
        Result<ShyFile> parsed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> DslParser.fast(f, ParseAhead.start(f, 4)));
        assertNotNull(parsed);
        assertEquals(1, parsed.value().boards().get(0).items().size());
    }

    @Test
    void smallFilesAndOneThreadAreNotSplit() {
        assertNull(ParseAhead.start(SourceFile.of("small.shy", large(100, 4, 4)), 8));
        assertNull(ParseAhead.start(SourceFile.of("large.shy", large(6000, 120, 60)), 1));
    }

    /** A syntax error in a part the serial parser would meet too: the file goes to ANTLR, which reports it there. */
    @Test
    void anErrorInALaterPartIsReportedWhereItIs() {
        String text = large(6000, 120, 60);
        int at = text.indexOf("  vm v100 ");
        String broken = text.substring(0, at) + "  vm v100 : baremetal { memory @ size 4 KiB }\n" + text.substring(at);
        SourceFile f = SourceFile.of("broken.shy", broken);
        assertNull(DslParser.fast(f, ParseAhead.start(f, 4)));
        Result<ShyFile> full = DslParser.parse(f);
        assertEquals(DslParser.parseWithAntlr(f).diagnostics(), full.diagnostics());
        assertTrue(full.diagnostics().stream().anyMatch(d -> d.span().start() > at && d.span().start() < at + 60),
                () -> "the error is reported in the broken VM: " + full.diagnostics());
    }

    /**
     * A block comment over the middle of the file holds lines that look like declarations: the parts planned
     * there parse them, but the parser from the start never arrives at them, so they are not used.
     */
    @Test
    void declarationsInsideACommentAreNotTaken() {
        String big = large(6000, 120, 60);
        int mid = big.indexOf("  device d3000 ");
        String fake = "/*\nsystem fake for big {\n" + "  vm ghost : baremetal { cpus [0] }\n".repeat(4000) + "}\n*/\n";
        String text = big.substring(0, mid) + fake + big.substring(mid);
        SourceFile f = SourceFile.of("comment.shy", text);
        int ghost = text.indexOf("  vm ghost") + 2;
        ParseAhead ahead = ParseAhead.at(f, new int[] {text.indexOf("system fake"), ghost},
                new ParseAhead.Kind[] {ParseAhead.Kind.TOP, ParseAhead.Kind.SYSTEM});
        Result<ShyFile> parts = DslParser.fast(f, ahead);
        Result<ShyFile> serial = DslParser.fast(f, null);
        assertNotNull(parts);
        assertEquals(serial.value(), parts.value());
        assertEquals(0, ahead.spliced());
        assertEquals(1, parts.value().systems().size());
    }
}
