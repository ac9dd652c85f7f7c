package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.shyperc.dsl.Gens;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.source.SourceFile;

/**
 * Whenever the fast parser accepts a text, ANTLR must accept it too and build the same AST with
 * the same diagnostics; when it does not, DslParser falls back to ANTLR, so nothing is lost.
 */
class FastParserMatchesAntlrTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    /** Null when the fast parser gives up (a syntax or lexical error, or a choice it leaves to ANTLR). */
    static Result<ShyFile> fast(SourceFile f) {
        List<Diagnostic> diags = new ArrayList<>();
        try {
            return new Result<>(new FastParser(f, diags).file(), diags);
        } catch (FastParser.Bail b) {
            return null;
        }
    }

    static boolean agree(SourceFile f) {
        Result<ShyFile> fast = fast(f);
        if (fast == null) return false;
        Result<ShyFile> antlr = DslParser.parseWithAntlr(f);
        assertTrue(antlr.diagnostics().stream().noneMatch(d -> d.code() == Codes.SYNTAX), () -> "fast accepted what ANTLR refuses: "
                + antlr.diagnostics() + "\n" + f.text());
        assertEquals(antlr.value(), fast.value(), f.text());
        assertEquals(antlr.diagnostics().stream().sorted().toList(), fast.diagnostics().stream().sorted().toList());
        return true;
    }

    @Test
    void everyRepositoryFileParsesTheSameWay() {
        List<String> slow = new ArrayList<>();
        for (Path p : repositoryFiles()) {
            SourceFile f = new SourceFile(p.toString(), p, read(p));
            if (!agree(f) && DslParser.parseWithAntlr(f).diagnostics().isEmpty()) slow.add(p.toString());
        }
        // a valid file that falls back to ANTLR costs every cold `check` ANTLR's start-up
        assertEquals(List.of(), slow, "valid files the fast parser left to ANTLR");
    }

    /** Every keyword may be a name (a device called `console`); the fast parser must agree with the grammar. */
    @Test
    void keywordsAreNamesExceptUnits() {
        for (int ty = 1; ty <= org.shyperc.dsl.parser.ShyLexer.VOCABULARY.getMaxTokenType(); ty++) {
            String lit = org.shyperc.dsl.parser.ShyLexer.VOCABULARY.getLiteralName(ty);
            if (lit == null || !Character.isLetter(lit.charAt(1))) continue;
            String word = lit.substring(1, lit.length() - 1);
            SourceFile f = SourceFile.of("k.shy", "board b { device " + word + " \"x\" @ 0x1000 size 4 KiB }");
            boolean unit = word.endsWith("iB");
            assertEquals(!unit, fast(f) != null, word);
            if (!unit) agree(f);
        }
    }

    static Gen<String> editedFiles() {
        List<String> files = repositoryFiles().stream().map(FastParserMatchesAntlrTest::read).toList();
        List<String> words = List.of("{", "}", "[", "]", "@", ";", ",", "..", "size", "at", "pa", "irq", "dma", "property",
                "\"s\"", "1", "0x10 KiB", "name", "stream", "iommu", "dt-path", "rw", "ro", ":", "vm", "on", "shared",
                "import", "board", "import board \"b\"", "to", "console to", "passthrough @", "peer", "{ sectors 8 }");
        return Gens.fromRandom(r -> {
            StringBuilder t = new StringBuilder(files.get(r.nextInt(files.size())));
            int edits = 1 + r.nextInt(3);
            for (int k = 0; k < edits && t.length() > 0; k++) {
                int at = r.nextInt(t.length());
                switch (r.nextInt(3)) {
                    case 0 -> t.delete(at, Math.min(t.length(), at + 1 + r.nextInt(12)));
                    case 1 -> t.insert(at, " " + words.get(r.nextInt(words.size())) + " ");
                    default -> t.insert(at, t.substring(at, Math.min(t.length(), at + 1 + r.nextInt(40))));
                }
            }
            return t.toString();
        });
    }

    @Test
    void editedFilesParseTheSameWayWheneverTheFastParserAccepts() {
        Gens.qt(1500).withShrinkCycles(1000).forAll(editedFiles())
                .checkAssert(text -> agree(SourceFile.of("edited.shy", text)));
    }

    /** Random files of every statement kind (RandomShyText): whenever the fast parser takes one, ANTLR's AST. */
    @Test
    void randomFilesParseTheSameWay() {
        Gens.qt(500).withShrinkCycles(500).forAll(Gens.fromRandom(org.shyperc.dsl.format.RandomShyText::generate))
                .checkAssert(text -> agree(SourceFile.of("random.shy", text)));
    }

    /**
     * The fast parser's own list of the words that start a VM statement (not read as modifiers) is the grammar's: the
     * tokens a `vmItem` can start with. A statement added to Shy.g4 and not to the list would be a modifier there.
     */
    @Test
    void theWordsThatEndAVmHeaderAreTheGrammarsVmStatementStarts() {
        org.antlr.v4.runtime.atn.ATN atn = org.shyperc.dsl.parser.ShyParser._ATN;
        List<Integer> grammar = atn.nextTokens(atn.ruleToStartState[org.shyperc.dsl.parser.ShyParser.RULE_vmItem]).toList();
        List<Integer> fast = new ArrayList<>();
        for (int t = 1; t <= org.shyperc.dsl.parser.ShyParser.VOCABULARY.getMaxTokenType(); t++) if (FastParser.startsVmItem(t)) fast.add(t);
        assertEquals(grammar, fast);
    }

    /** The statements the Rust-Shyper interop added: the fast parser takes them, as ANTLR does. */
    @Test
    void windowsVirtioSettingsAndTheConsoleHandOver() {
        String text = """
                system s for b {
                    console to guest
                    vm guest : linux {
                        passthrough @ 0xfe00_0000 size 16 MiB
                        passthrough @ 0x1000_0000 size 64 KiB at pa 0xfd00_0000;
                        passthrough uart2
                        virtio blk @ 0xf002_0000 irq 498 { first-sector 0; sectors 8192000 }
                        virtio console @ 0xf004_0000 size 64 KiB irq 500 { peer mvm peer-console @ 0xf001_0000 }
                        virtio net @ 0xf000_0000 irq 499 { mac "74:56:aa:0f:47:d1" }
                        virtio net @ 0xf000_1000 irq 501 { }
                    }
                    on b { console to mvm }
                }
                """;
        assertTrue(agree(SourceFile.of("interop.shy", text)), "left to ANTLR");
    }

    static List<Path> repositoryFiles() {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("boards", "examples", "tests/diagnostics")) {
            Path d = ROOT.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(p -> p.toString().endsWith(".shy") && Files.isRegularFile(p)).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
