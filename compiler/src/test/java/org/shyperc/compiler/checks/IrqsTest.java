package org.shyperc.compiler.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.source.SourceFile;

/** Which interrupts the hypervisor keeps, on a GIC and on a PLIC. */
class IrqsTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Compilation compile(String text) {
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text));
    }

    static BoardModel board(String text, String name) {
        return compile(text).program().boards().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void onTheGicTheHypervisorKeepsItsFiveInterrupts() {
        BoardModel tb = board("import \"tests/diagnostics/_lib/board.shy\"\n", "tb");
        assertTrue(Irqs.isGic(tb));
        assertEquals("the GIC maintenance interrupt", Irqs.reservedFor(tb, 25));
        assertEquals("the hypervisor timer", Irqs.reservedFor(tb, 26));
        assertEquals("the hypervisor's IPI", Irqs.reservedFor(tb, 1));
        assertEquals("the hypervisor's hypercall interrupt", Irqs.reservedFor(tb, 64));
        assertEquals("the hypervisor console's interrupt", Irqs.reservedFor(tb, 33));
        assertNull(Irqs.reservedFor(tb, 34));
        assertNull(Irqs.reservedFor(tb, 0));
        assertNull(Irqs.reservedFor(tb, -1));
    }

    @Test
    void onAPlicOnlyTheHypercallAndConsoleInterruptsAreKept() {
        BoardModel rv = board("import \"tests/diagnostics/_lib/riscv.shy\"\n", "rv");
        assertFalse(Irqs.isGic(rv));
        // the GIC's defaults (timer PPI 26, IPI SGI 1) mean nothing on a PLIC: those sources are free
        assertEquals(26, rv.hyp().timerIrq());
        assertNull(Irqs.reservedFor(rv, 26));
        assertNull(Irqs.reservedFor(rv, 1));
        assertNull(Irqs.reservedFor(rv, rv.intc().maintenanceIrq()));
        // no hypercall interrupt (-1): -1 is not kept either
        assertEquals(-1, rv.hyp().hypercallIrq());
        assertNull(Irqs.reservedFor(rv, -1));
        assertEquals("the hypervisor console's interrupt", Irqs.reservedFor(rv, 10));
        assertNull(Irqs.reservedFor(rv, 11));
    }

    @Test
    void hypercallInterruptZeroIsKept() {
        String text = """
                board hz {
                    arch aarch64
                    cpus 2
                    memory dram @ 0x4000_0000 size 1 GiB
                    gic v2 {
                        distributor           @ 0x0800_0000 size 64 KiB
                        cpu-interface         @ 0x0801_0000 size 64 KiB
                        hyp-interface         @ 0x0803_0000 size 64 KiB
                        virtual-cpu-interface @ 0x0804_0000 size 64 KiB
                        maintenance-irq 25
                        lines 288
                    }
                    device uart0 "arm,pl011" @ 0x0900_0000 size 4 KiB irq 33
                    hypervisor { reserve @ 0x4000_0000 size 32 MiB; console uart0; hypercall-irq 0 }
                }
                """;
        BoardModel hz = board(text, "hz");
        assertEquals(0, hz.hyp().hypercallIrq());
        assertEquals("the hypervisor's hypercall interrupt", Irqs.reservedFor(hz, 0));
    }

    @Test
    void theConsolesInterruptGoesWithTheConsole() {
        String system = """
                import "tests/diagnostics/_lib/board.shy"
                system s for tb {
                    console to a
                    vm a : baremetal {
                        cpus [0]
                        memory @ 0x0 size 32 MiB
                        kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                        passthrough uart0
                    }
                }
                """;
        Instance handed = compile(system).instances().get(0).instance();
        assertEquals("a", handed.consoleOwner().vm());
        assertNull(Irqs.reservedFor(handed, 33));
        assertEquals("the hypervisor timer", Irqs.reservedFor(handed, 26));
        Instance kept = compile(system.replace("    console to a\n", "").replace("        passthrough uart0\n", ""))
                .instances().get(0).instance();
        assertEquals("the hypervisor console's interrupt", Irqs.reservedFor(kept, 33));
    }

    @Test
    void usesNameWhatTheyAre() {
        Instance in = compile("""
                import "tests/diagnostics/_lib/board.shy"
                system s for tb {
                    vm a : baremetal {
                        cpus [0]
                        memory @ 0x0 size 32 MiB
                        kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                        passthrough rtc
                        virtio blk @ 0x0a00_0000 irq 48
                    }
                }
                """).instances().get(0).instance();
        List<Irqs.Use> pt = Irqs.passthrough(in.vm("a"));
        assertEquals(1, pt.size());
        assertEquals(34, pt.get(0).id());
        assertEquals("device `rtc`", pt.get(0).what());
        assertTrue(pt.get(0).device());
        List<Irqs.Use> em = Irqs.emulated(in.vm("a"));
        assertEquals(48, em.get(0).id());
        assertEquals("the virtio blk device", em.get(0).what());
        assertEquals("a", em.get(0).vm());
    }
}
