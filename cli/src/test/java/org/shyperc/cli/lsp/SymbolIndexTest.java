package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.dsl.ast.Ident;
import org.shyperc.dsl.ast.ShyFile;

/** Names across two boards and an `on` override block resolve the way the binder binds them. */
class SymbolIndexTest {

    @Test
    void overridesMappingsAndPassthroughsAllReferToTheirDeclarations(@TempDir Path dir) throws Exception {
        Path file = overrides(dir);
        Compilation c = Compiler.standard().compile(List.of(file));
        assertFalse(c.hasErrors(), c.diagnostics()::toString);
        SymbolIndex index = SymbolIndex.of(c.files());
        ShyFile root = c.files().stream().filter(f -> file.equals(f.source().path())).findFirst().orElseThrow();
        String text = Files.readString(file);

        SymbolIndex.Symbol rt = index.at(root.source(), text.indexOf("vm rt :") + 3);
        assertEquals(SymbolIndex.Kind.VM, rt.kind());
        // the override `vm rt` and the shared mapping `rt @` are the same VM
        assertSame(rt, index.at(root.source(), text.indexOf("vm rt {") + 3));
        assertSame(rt, index.at(root.source(), text.indexOf("rt @ 0x1000")));
        assertEquals(List.of(11, 18, 21), lines(index.occurrences(rt))); // 0-based: declaration, mapping, override

        // `passthrough rtc` refers to the device in each target board
        SymbolIndex.Symbol rtc = index.at(root.source(), text.indexOf("rtc"));
        assertEquals(SymbolIndex.Kind.DEVICE, rtc.kind());
        long boardsWithRtc = index.symbols(SymbolIndex.Kind.DEVICE).stream().filter(s -> s.name().equals("rtc")).count();
        assertEquals(2, boardsWithRtc);
        assertSame(index.board("qemu-virt-gicv3"), index.at(root.source(), text.indexOf("qemu-virt-gicv3, ")));
    }

    /**
     * At every offset of every file the compilations read (the systems, their override blocks
     * and the boards), the lookup by position names the symbol the walk over declarations, then
     * references, named; and each symbol's occurrences are its declaration and its references in order.
     */
    @Test
    void theLookupByPositionAnswersAsTheWalkOverDeclarationsAndReferencesDid(@TempDir Path dir) throws Exception {
        for (String b : List.of("qemu-virt-gicv3.shy", "qemu-virt.shy")) {
            Files.copy(CliRun.root().resolve("boards").resolve(b), dir.resolve(b), StandardCopyOption.REPLACE_EXISTING);
        }
        int compared = 0;
        for (String name : List.of("overrides.shy", "demo.shy")) {
            Path file = dir.resolve(name);
            try (InputStream in = getClass().getResourceAsStream("/lsp/" + name)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Compilation c = Compiler.standard().compile(List.of(file));
            SymbolIndex index = SymbolIndex.of(c.files());
            for (ShyFile f : c.files()) {
                for (int offset = 0; offset <= f.source().text().length(); offset++) {
                    SymbolIndex.Symbol walked = walk(index, f.source(), offset);
                    assertSame(walked, index.at(f.source(), offset), f.source() + " at " + offset);
                    if (walked != null) compared++;
                }
            }
            for (SymbolIndex.Symbol s : index.symbols()) {
                List<Ident> expected = new java.util.ArrayList<>(List.of(s.decl()));
                for (SymbolIndex.Ref r : index.refs()) if (r.target() == s) expected.add(r.at());
                assertEquals(expected, index.occurrences(s), s::toString);
            }
        }
        assertTrue(compared > 300, "only " + compared + " offsets on a name");
    }

    /**
     * The lookups are made on first use: requests on several threads asking a fresh index at once
     * all find what the walk finds (one makes them, the others wait for it, none sees them half made).
     */
    @Test
    void aFreshIndexAskedFromSeveralThreadsAtOnceAnswersAsTheWalk(@TempDir Path dir) throws Exception {
        Path file = overrides(dir);
        Compilation c = Compiler.standard().compile(List.of(file));
        ShyFile root = c.files().stream().filter(f -> file.equals(f.source().path())).findFirst().orElseThrow();
        int length = root.source().text().length();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                SymbolIndex index = SymbolIndex.of(c.files());
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> found = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int first = t;
                    found.add(pool.submit(() -> {
                        go.await();
                        int named = 0;
                        for (int offset = first; offset <= length; offset += 4) {
                            SymbolIndex.Symbol s = index.at(root.source(), offset);
                            assertSame(walk(index, root.source(), offset), s, "at " + offset);
                            if (s != null) assertEquals(s.decl(), index.occurrences(s).get(0));
                            if (s != null) named++;
                        }
                        return named;
                    }));
                }
                go.countDown();
                int named = 0;
                for (var f : found) named += f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(named > 50, "only " + named + " offsets on a name");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** How {@link SymbolIndex#at} found a name before: the first declaration covering the offset, else the first reference. */
    private static SymbolIndex.Symbol walk(SymbolIndex index, org.shyperc.dsl.source.SourceFile file, int offset) {
        for (SymbolIndex.Symbol s : index.symbols()) if (s.decl().file() == file && s.decl().span().contains(offset)) return s;
        for (SymbolIndex.Ref r : index.refs()) if (r.at().file() == file && r.at().span().contains(offset)) return r.target();
        return null;
    }

    private static List<Integer> lines(List<Ident> ids) {
        return ids.stream().map(i -> i.span().line() - 1).sorted().toList();
    }

    /** The `on`-override example in {@code dir}, beside the two boards it imports. */
    private Path overrides(Path dir) throws Exception {
        for (String b : List.of("qemu-virt-gicv3.shy", "qemu-virt.shy")) {
            Files.copy(CliRun.root().resolve("boards").resolve(b), dir.resolve(b), StandardCopyOption.REPLACE_EXISTING);
        }
        Path file = dir.resolve("overrides.shy");
        try (InputStream in = getClass().getResourceAsStream("/lsp/overrides.shy")) {
            Files.copy(in, file);
        }
        return file;
    }
}
