package org.shyperc.compiler.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;

/** Values of the wrong type or unit: one whole sentence each, and nothing bound from them. */
class BindErrorsTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Compilation compile(String text) {
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text));
    }

    /** The errors, as "CODE message", in order. */
    static List<String> errors(Compilation c) {
        return c.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.code().id() + " " + d.message()).toList();
    }

    static String board(String gicExtra, String cpus, String devices, String hyp) {
        return "board eb {\n    arch aarch64\n    " + cpus + "\n    memory dram @ 0x4000_0000 size 1 GiB\n    gic v2 {\n"
                + "        distributor           @ 0x0800_0000 size 64 KiB\n"
                + "        cpu-interface         @ 0x0801_0000 size 64 KiB\n"
                + "        hyp-interface         @ 0x0803_0000 size 64 KiB\n"
                + "        virtual-cpu-interface @ 0x0804_0000 size 64 KiB\n" + gicExtra + "    }\n"
                + "    device uart0 \"arm,pl011\" @ 0x0900_0000 size 4 KiB irq 33\n" + devices
                + "    hypervisor { reserve @ 0x4000_0000 size 32 MiB; " + hyp + " }\n}\n";
    }

    static BoardModel onlyBoard(Compilation c) {
        assertEquals(1, c.program().boards().size(), () -> c.diagnostics().toString());
        return c.program().boards().get(0);
    }

    @Test
    void aCountThatIsNotANumberOrCarriesAUnitKeepsTheDefault() {
        Compilation c = compile(board("        lines \"many\"\n        maintenance-irq 2 KiB\n", "cpus 2", "", "console uart0"));
        assertEquals(List.of(
                "SHY0207 The lines must be a number, but `\"many\"` is a string.",
                "SHY0207 The maintenance-irq `2 KiB` is a number, not a size."), errors(c));
        BoardModel b = onlyBoard(c);
        assertEquals(1020, b.intc().lines());
        assertEquals(25, b.intc().maintenanceIrq());
    }

    @Test
    void aCountTooLargeForItsFieldIsReported() {
        Compilation c = compile(board("        lines 2000\n", "cpus 2", "", "console uart0"));
        assertEquals(List.of("SHY0208 The lines 2000 is larger than 1020."), errors(c));
        assertEquals(1020, onlyBoard(c).intc().lines());
    }

    @Test
    void interruptListsTakeNumbersAndRanges() {
        Compilation c = compile(board("", "cpus 2", "    device b \"x,b\" @ 0x0a01_0000 size 4 KiB irq [40, \"y\", 41..42]\n"
                + "    device c \"x,c\" @ 0x0a02_0000 size 4 KiB irq [45..44]\n", "console uart0"));
        assertEquals(List.of(
                "SHY0207 The interrupt must be a number, but `\"y\"` is a string.",
                "SHY0208 The range `45..44` is empty."), errors(c));
        BoardModel b = onlyBoard(c);
        assertEquals(List.of(40, 41, 42), b.device("b").irqs().stream().map(BoardModel.Irq::id).toList());
        assertEquals(List.of(), b.device("c").irqs());
    }

    @Test
    void mpidrListsTakeNumbersAndShortRanges() {
        Compilation ok = compile(board("", "cpus 3 mpidr [0x100..0x101, 0x200]", "", "console uart0"));
        assertEquals(List.of(), errors(ok));
        assertEquals(List.of(0x100L, 0x101L, 0x200L), onlyBoard(ok).cores().stream().map(BoardModel.Core::mpidr).toList());
        Compilation bad = compile(board("", "cpus 2 mpidr [0, \"one\"]", "", "console uart0"));
        assertEquals(List.of(
                "SHY0208 There are 2 CPUs but 1 MPIDR values.",
                "SHY0207 The MPIDR must be a number, but `\"one\"` is a string."), errors(bad));
        Compilation backwards = compile(board("", "cpus 2 mpidr [1..0]", "", "console uart0"));
        assertEquals(List.of("SHY0208 There are 2 CPUs but 0 MPIDR values.",
                "SHY0207 The MPIDR must be a number, but `1..0` is a range."), errors(backwards));
    }

    @Test
    void theHypervisorConsoleIsANameNotAString() {
        Compilation c = compile(board("", "cpus 2", "", "console \"uart0\""));
        assertTrue(errors(c).contains("SHY0207 The console must be a name, but `\"uart0\"` is a string."), errors(c).toString());
    }

    @Test
    void psciWrittenOutIsTheDefaultAndAMixedReleaseListIsNamedWhole() {
        BoardModel b = onlyBoard(compile(board("", "cpus 2 enable-method psci", "", "console uart0")));
        assertEquals(2, b.cores().size());
        assertEquals(org.shyperc.plan.BoardPlan.EnableMethod.PSCI, b.cores().get(1).enableMethod());
        Compilation c = compile(board("", "cpus 2 enable-method spin-table [0xd8, 0xe0..0xe0]", "", "console uart0"));
        assertEquals(List.of(), errors(c));
        BoardModel s = onlyBoard(c);
        assertEquals(0xe0L, s.cores().get(1).releaseAddress());
        // with a range in it, the list's items are not one per core: each core's word is named by the list
        assertEquals("[0xd8, 0xe0..0xe0]", s.cores().get(1).releaseSpan().text());
        assertEquals("[0xd8, 0xe0..0xe0]", s.cores().get(0).releaseSpan().text());
    }

    @Test
    void aBoardMissingAFrameOrItsConsoleIsNotBound() {
        String noHyp = board("", "cpus 2", "", "console uart0").replace("        hyp-interface         @ 0x0803_0000 size 64 KiB\n", "");
        Compilation c = compile(noHyp);
        assertEquals(List.of("SHY0206 `gic v2` has no `hyp-interface`."), errors(c));
        assertEquals(List.of(), c.program().boards());
        Compilation d = compile(board("", "cpus 2", "", "timer-irq 26"));
        assertEquals(List.of("SHY0206 `hypervisor` has no `console`."), errors(d));
        assertEquals(List.of(), d.program().boards());
    }

    @Test
    void aBoardMissingAnItemNamesIt() {
        String full = board("", "cpus 2", "", "console uart0");
        assertEquals(List.of("SHY0206 Board `eb` has no `arch` (for example `arch aarch64`)."),
                errors(compile(full.replace("    arch aarch64\n", ""))));
        assertEquals(List.of("SHY0206 Board `eb` has no `cpus`."), errors(compile(full.replace("    cpus 2\n", ""))));
        assertEquals(List.of("SHY0206 Board `eb` has no DRAM bank (`memory NAME @ BASE size SIZE`)."),
                errors(compile(full.replace("    memory dram @ 0x4000_0000 size 1 GiB\n", ""))));
        String noGic = full.substring(0, full.indexOf("    gic v2")) + full.substring(full.indexOf("    device uart0"));
        assertEquals(List.of("SHY0206 Board `eb` has no interrupt controller (`gic v2 { ... }`)."), errors(compile(noGic)));
        // an architecture that is not known is reported as such, not as missing
        List<String> unknown = errors(compile(full.replace("arch aarch64", "arch x86")));
        assertEquals(1, unknown.size(), unknown.toString());
        assertTrue(unknown.get(0).startsWith("SHY0205 `x86` is not an architecture"), unknown.toString());
        // no CPU at all is a range error, not a missing `cpus`
        assertEquals(List.of("SHY0208 A board needs at least one CPU."), errors(compile(full.replace("cpus 2", "cpus 0"))));
    }

    @Test
    void virtioSettingsOfTheWrongType() {
        String text = "import \"tests/diagnostics/_lib/board.shy\"\nsystem s for tb {\n    vm a : baremetal {\n        cpus [0]\n"
                + "        memory @ 0x0 size 32 MiB\n        kernel \"tests/diagnostics/_lib/kernel.bin\" @ 0x0\n"
                + "        virtio blk @ 0x0a00_0000 irq 48 { first-sector \"x\" }\n"
                + "        virtio net @ 0x0a00_1000 irq 49 { mac 5 }\n"
                + "        virtio console @ 0x0a00_2000 irq 50 { peer \"b\" }\n    }\n}\n";
        assertEquals(List.of(
                "SHY0207 The first-sector must be a number, but `\"x\"` is a string.",
                "SHY0207 The mac must be a string, but `5` is a number.",
                "SHY0207 The peer must be a name, but `\"b\"` is a string."), errors(compile(text)));
    }

    @Test
    void aValueOver40CharactersIsShortenedInTheMessage() {
        String forty = "\"" + "a".repeat(38) + "\"";
        String fortyOne = "\"" + "a".repeat(39) + "\"";
        assertEquals(List.of("SHY0207 The lines must be a number, but `" + forty + "` is a string."),
                errors(compile(board("        lines " + forty + "\n", "cpus 2", "", "console uart0"))));
        assertEquals(List.of("SHY0207 The lines must be a number, but `\"" + "a".repeat(36) + "...` is a string."),
                errors(compile(board("        lines " + fortyOne + "\n", "cpus 2", "", "console uart0"))));
    }

    @Test
    void aFrameWrittenAsAValueAndAValueWrittenAsAFrame() {
        Compilation c = compile(board("        lines @ 0x0 size 4 KiB\n", "cpus 2", "", "console uart0")
                .replace("distributor           @ 0x0800_0000 size 64 KiB", "distributor 5"));
        assertEquals(List.of(
                "SHY0206 `gic v2` has no `distributor`.",
                "SHY0207 `distributor` is a memory frame: write `distributor @ ADDRESS size SIZE`.",
                "SHY0207 `lines` takes a value, not an address: write `lines VALUE`."), errors(c));
    }

    @Test
    void compatibleStringsOfTheWrongType() {
        Compilation c = compile(board("        compatible [\"arm,gic-400\", 1]\n", "cpus 2", "", "console uart0"));
        assertEquals(List.of(
                "SHY0207 The compatible must be a string or a list of strings, but `[\"arm,gic-400\", 1]` is a list."),
                errors(c));
        BoardModel b = onlyBoard(c);
        assertEquals(List.of("arm,cortex-a15-gic"), b.intc().compatible());
    }

    @Test
    void aDeviceDeclaredTwiceIsBoundOnce() {
        Compilation c = compile(board("", "cpus 2", "    device uart0 \"x,y\" @ 0x0a00_0000 size 4 KiB\n", "console uart0"));
        assertEquals(List.of("SHY0204 The device `uart0` is declared twice."), errors(c));
        BoardModel b = onlyBoard(c);
        assertEquals(1, b.devices().size());
        assertEquals("arm,pl011", b.device("uart0").compatible());
    }
}
