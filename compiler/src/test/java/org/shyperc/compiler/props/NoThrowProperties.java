package org.shyperc.compiler.props;

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
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.Gens;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;

/**
 * No input makes the compiler throw: random token soup, random text, random bytes, and random
 * edits of the real board and example files. Every diagnostic it gives is well formed.
 */
class NoThrowProperties {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    static final List<String> VOCABULARY = List.of("board", "system", "for", "vm", "cpus", "memory", "size", "at", "pa",
            "gic", "v2", "v3", "plic", "device", "irq", "hypervisor", "reserve", "console", "kernel", "initrd", "dtb",
            "entry", "passthrough", "virtio", "shared", "rw", "ro", "on", "import", "arch", "aarch64", "linux",
            "management", "baremetal", "dma", "iommu", "stream", "timer", "{", "}", "[", "]", "@", ";", ":", ",", "..",
            "0", "1", "33", "0x4000_0000", "0xffff_ffff_ffff_ffff", "0x1_0000_0000_0000_0000", "4 KiB", "2 MiB",
            "1 GiB", "1 TiB", "\"x\"", "\"", "/*", "*/", "//", "\n", "uart0", "a", "b", "distributor", "lines",
            "cpu-interface", "hyp-interface", "virtual-cpu-interface", "$", "=", "\u00e9", "\t");

    static final Gen<String> TOKEN_SOUP = SourceDSL.lists().of(Generate.pick(VOCABULARY)).ofSizeBetween(0, 300)
            .map(ts -> String.join(" ", ts));

    @Test
    void tokenSoupNeverThrows() {
        Gens.qt(1000).withShrinkCycles(1000).forAll(TOKEN_SOUP).checkAssert(text -> wellFormed(Systems.compile(text)));
    }

    @Test
    void anyTextNeverThrows() {
        Gens.qt(500).withShrinkCycles(1000).forAll(Gens.anyString()).checkAssert(text -> wellFormed(Systems.compile(text)));
    }

    @Test
    void anyBytesNeverThrow() {
        Gens.qt(500).withShrinkCycles(1000).forAll(Gens.anyBytes()).checkAssert(bytes -> {
            Loader.Sources fromBytes = (abs, display, from) -> SourceLoader.decode(bytes, display, abs);
            wellFormed(new Compiler(Path.of("/gen"), fromBytes, Checks.ALL).compile(List.of(Path.of("/gen/bytes.shy"))));
        });
    }

    /** A real file of the project and a few random edits of it. */
    record Edited(Path path, String text) { }

    static Gen<Edited> editedFiles() {
        List<Path> files = realFiles();
        return Gens.fromRandom(r -> {
            Path p = files.get(r.nextInt(files.size()));
            StringBuilder t = new StringBuilder(read(p));
            int edits = 1 + r.nextInt(5);
            for (int i = 0; i < edits && t.length() > 0; i++) {
                int at = r.nextInt(t.length());
                int len = Math.min(t.length() - at, 1 + r.nextInt(20));
                switch (r.nextInt(5)) {
                    case 0 -> t.delete(at, at + len);
                    case 1 -> t.insert(at, t.substring(at, at + len));
                    case 2 -> t.setCharAt(at, "{}[]@;:,.\"/*0x_9 \nKG".charAt(r.nextInt(20)));
                    case 3 -> t.insert(at, VOCABULARY.get(r.nextInt(VOCABULARY.size())) + " ");
                    default -> {
                        // a number changed: the way most real mistakes look
                        int d = t.indexOf("0x", at);
                        if (d >= 0 && d + 3 < t.length()) t.setCharAt(d + 2 + r.nextInt(2), "0123456789abcdef".charAt(r.nextInt(16)));
                    }
                }
            }
            return new Edited(p, t.toString());
        });
    }

    @Test
    void editedBoardsAndExamplesNeverThrow() {
        Gens.qt(1000).withShrinkCycles(500).forAll(editedFiles()).checkAssert(e -> {
            SourceFile f = new SourceFile(ROOT.relativize(e.path()).toString(), e.path(), e.text());
            wellFormed(new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(f));
        });
    }

    static void wellFormed(Compilation c) {
        for (Diagnostic d : c.diagnostics()) {
            assertTrue(Codes.ALL.contains(d.code()), d::toString);
            assertTrue(d.span().end() <= d.span().file().text().length(), () -> "span past the end: " + d);
            assertFalse(d.message().isBlank(), d::toString);
            assertTrue(d.message().endsWith(".") || d.message().endsWith("?"), () -> "not a sentence: " + d.message());
            assertTrue(Character.isUpperCase(d.message().charAt(0)) || d.message().charAt(0) == '`'
                    || Character.isDigit(d.message().charAt(0)), () -> "not a sentence: " + d.message());
        }
    }

    static List<Path> realFiles() {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("boards", "examples")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".shy")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
