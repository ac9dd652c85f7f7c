package org.shyperc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.targets.Target;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceFile;

/**
 * A target's check runs on the boards and systems the target is built for, and only there. No target's check judges a
 * board alone today (each is a check of a system), so the corpus cannot show the board half: a check here records its
 * calls.
 */
class TargetCheckTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Instance instance() {
        String text = """
                import "tests/diagnostics/_lib/board.shy"
                system s for tb {
                    vm a : baremetal {
                        cpus [0]
                        memory @ 0x0 size 32 MiB
                        kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                    }
                }
                """;
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text))
                .instances().get(0).instance();
    }

    static Target target(boolean builds) {
        return new Target() {
            @Override public String name() { return "test"; }
            @Override public boolean buildsFor(BoardModel board) { return builds; }
            @Override public List<Check> checks() { return List.of(); }
            @Override public boolean tolerates(Code code) { return true; }
        };
    }

    static final class Recording implements Check {
        final List<String> calls = new ArrayList<>();
        @Override public Code code() { return Codes.VM_COUNT; }
        @Override public void checkBoard(BoardModel board, Reporter out) { calls.add("board " + board.name()); }
        @Override public void checkInstance(Instance in, Reporter out) { calls.add("system " + in.system()); }
    }

    @Test
    void runsWhereTheTargetIsBuilt() {
        Instance in = instance();
        Recording r = new Recording();
        TargetCheck c = new TargetCheck(target(true), r);
        c.checkBoard(in.board(), null);
        c.checkInstance(in, null);
        assertEquals(List.of("board tb", "system s"), r.calls);
        assertEquals(Codes.VM_COUNT, c.code());
    }

    @Test
    void nowhereElse() {
        Instance in = instance();
        Recording r = new Recording();
        TargetCheck c = new TargetCheck(target(false), r);
        c.checkBoard(in.board(), null);
        c.checkInstance(in, null);
        assertEquals(List.of(), r.calls);
    }

    @Test
    void everyTargetsChecksComeAfterTheInvariantsEachWrapped() {
        Check invariant = new Recording();
        Check limit = new Recording();
        Target t = new Target() {
            @Override public String name() { return "test"; }
            @Override public boolean buildsFor(BoardModel board) { return true; }
            @Override public List<Check> checks() { return List.of(limit); }
            @Override public boolean tolerates(Code code) { return true; }
        };
        List<Check> all = Checks.withTargets(List.of(invariant), List.of(t));
        assertEquals(2, all.size());
        assertSame(invariant, all.get(0));
        TargetCheck wrapped = assertInstanceOf(TargetCheck.class, all.get(1));
        assertSame(limit, wrapped.check());
        assertSame(t, wrapped.target());
    }
}
