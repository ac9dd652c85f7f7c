package org.shyperc.compiler.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;

/** What a system binds to on each of its boards: the console's owner, windows' devices, a VM's missing parts. */
class SystemBindTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Compilation compile(String text) {
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text));
    }

    static final String HEAD = "import \"tests/diagnostics/_lib/board.shy\"\nimport \"tests/diagnostics/_lib/riscv.shy\"\n";

    static String vm(String name, int core, String extra) {
        return "    vm " + name + " : baremetal {\n        cpus [" + core + "]\n        memory @ 0x0 size 32 MiB\n"
                + "        kernel \"tests/diagnostics/_lib/kernel.bin\" @ 0x0\n" + extra + "    }\n";
    }

    static Instance on(Compilation c, String board) {
        return c.program().instances().stream().filter(i -> i.board().name().equals(board)).findFirst().orElseThrow();
    }

    @Test
    void theConsoleGoesToTheVmTheBoardsOwnBlockNames() {
        Compilation c = compile(HEAD + "system s for tb, rv {\n" + vm("a", 0, "") + vm("b", 1, "")
                + "    on rv { console to b }\n}\n");
        assertNull(on(c, "tb").consoleOwner());
        assertEquals("b", on(c, "rv").consoleOwner().vm());
        Compilation d = compile(HEAD + "system s for tb, rv {\n    console to a\n" + vm("a", 0, "") + vm("b", 1, "")
                + "    on tb { vm b { cpus [2] } }\n}\n");
        // an `on` block without a `console to` keeps the system's
        assertEquals("a", on(d, "tb").consoleOwner().vm());
        assertEquals("a", on(d, "rv").consoleOwner().vm());
        assertEquals(List.of(2), on(d, "tb").vm("b").cpus().stream().map(VmModel.CoreRef::core).toList());
    }

    @Test
    void theConsolesOwnerDrivesTheUartWhereItPassesItThrough() {
        Instance own = on(compile(HEAD + "system s for tb {\n    console to a\n" + vm("a", 0, "") + "}\n"), "tb");
        assertEquals(List.of("uart0"), own.vm("a").passthrough().stream().map(p -> p.device().name()).toList());
        assertEquals(0x0900_0000L, own.vm("a").passthrough().get(0).ipa());
        Instance moved = on(compile(HEAD + "system s for tb {\n    console to a\n"
                + vm("a", 0, "        passthrough uart0 @ 0x1000_0000\n") + "}\n"), "tb");
        assertEquals(1, moved.vm("a").passthrough().size());
        assertEquals(0x1000_0000L, moved.vm("a").passthrough().get(0).ipa());
    }

    @Test
    void aWindowTakesTheDevicesItOverlapsAtTheirOffset() {
        Instance in = on(compile(HEAD + "system s for tb {\n"
                + vm("a", 0, "        passthrough @ 0x1000_0000 size 8 KiB at pa 0x0904_0000\n")
                + vm("b", 1, "        passthrough @ 0x2000_0000 size 0x100 at pa 0x0904_0100\n")
                + vm("c", 2, "        passthrough @ 0x3000_0000 size 0x100 at pa 0x0904_0000\n")
                + vm("d", 3, "        passthrough @ 0x4000_0000 size 0 at pa 0x0904_0000\n") + "}\n"), "tb");
        List<VmModel.Pt> a = in.vm("a").passthrough();
        assertEquals(List.of("i2c0", "i2c1"), a.stream().map(p -> p.device().name()).toList());
        assertEquals(0x1000_0000L, a.get(0).ipa());
        assertEquals(0x1000_0100L, a.get(1).ipa());
        // a window of exactly i2c1: i2c0 ends where it starts, and is not in it
        assertEquals(List.of("i2c1"), in.vm("b").passthrough().stream().map(p -> p.device().name()).toList());
        assertEquals(0x2000_0000L, in.vm("b").passthrough().get(0).ipa());
        // a window of exactly i2c0: i2c1 starts where it ends
        assertEquals(List.of("i2c0"), in.vm("c").passthrough().stream().map(p -> p.device().name()).toList());
        // an empty window holds nothing
        assertEquals(List.of(), in.vm("d").passthrough());
    }

    @Test
    void aWindowThatStartsInsideADeviceTakesItAtTheWindowsIpa() {
        Instance in = on(compile(HEAD + "system s for tb {\n"
                + vm("a", 0, "        passthrough @ 0x1000_0000 size 8 KiB at pa 0x0904_0080\n") + "}\n"), "tb");
        List<VmModel.Pt> a = in.vm("a").passthrough();
        assertEquals(List.of("i2c0", "i2c1"), a.stream().map(p -> p.device().name()).toList());
        assertEquals(0x1000_0000L, a.get(0).ipa()); // cut: it never wraps below the window
        assertEquals(0x1000_0080L, a.get(1).ipa());
    }

    @Test
    void aVmWithoutMemoryIsReportedAndStillBound() {
        Compilation c = compile(HEAD + "system s for tb {\n    vm a : baremetal {\n        cpus [0]\n"
                + "        kernel \"tests/diagnostics/_lib/kernel.bin\" @ 0x0\n    }\n" + vm("b", 1, "") + "}\n");
        assertEquals(List.of("SHY0206 VM `a` has no memory."), c.diagnostics().stream().filter(Diagnostic::isError)
                .map(d -> d.code().id() + " " + d.message()).toList());
        assertEquals(VmModel.NO_DTB, on(c, "tb").vm("a").dtbIpa());
    }

    @Test
    void anEntryPointThatCannotBeReadIsTheLoadAddress() {
        Compilation c = compile(HEAD + "system s for tb {\n    vm a : baremetal {\n        cpus [0]\n"
                + "        memory @ 0x0 size 32 MiB\n"
                + "        kernel \"tests/diagnostics/_lib/kernel.bin\" @ 0x1000 entry 0x1_0000_0000_0000_0000\n    }\n}\n");
        VmModel.Payload k = on(c, "tb").vm("a").kernel();
        assertEquals(0x1000L, k.ipa());
        assertEquals(0x1000L, k.entry());
    }
}
