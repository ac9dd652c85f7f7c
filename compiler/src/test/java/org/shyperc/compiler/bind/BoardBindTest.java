package org.shyperc.compiler.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.InterruptControllerPlan;

/** What a board declaration binds to: every value written, and each default where none is. */
class BoardBindTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Compilation compile(String text) {
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("b.shy", text));
    }

    static BoardModel board(String text) {
        Compilation c = compile(text);
        assertEquals(List.of(), c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList());
        assertEquals(1, c.program().boards().size());
        return c.program().boards().get(0);
    }

    static final String GICV2 = """
                gic v2 {
                    distributor           @ 0x0800_0000 size 64 KiB
                    cpu-interface         @ 0x0801_0000 size 64 KiB
                    hyp-interface         @ 0x0803_0000 size 64 KiB
                    virtual-cpu-interface @ 0x0804_0000 size 64 KiB
                }
            """;

    @Test
    void whatIsLeftOutHasItsDefault() {
        BoardModel b = board("board plain {\n    arch aarch64\n    cpus 2\n    memory dram @ 0x4000_0000 size 1 GiB\n" + GICV2
                + "    device uart0 \"arm,pl011\" @ 0x0900_0000 size 4 KiB irq 33\n"
                + "    hypervisor { reserve @ 0x4000_0000 size 32 MiB; console uart0 }\n}\n");
        assertEquals("plain", b.name());
        assertEquals(List.of("plain"), b.compatible());
        assertEquals("plain", b.model());
        assertEquals(List.of(29, 30, 27, 26), b.timerIrqs());
        assertEquals(2, b.cores().size());
        BoardModel.Core c1 = b.cores().get(1);
        assertEquals(1, c1.index());
        assertEquals(1L, c1.mpidr());
        assertEquals("arm,armv8", c1.compatible());
        assertEquals(BoardPlan.EnableMethod.PSCI, c1.enableMethod());
        assertEquals(-1L, c1.releaseAddress());
        BoardModel.Intc ic = b.intc();
        assertEquals(InterruptControllerPlan.Kind.GICV2, ic.kind());
        assertEquals(25, ic.maintenanceIrq());
        assertEquals(1020, ic.lines());
        assertEquals(List.of("arm,cortex-a15-gic"), ic.compatible());
        assertNull(ic.redistributor());
        assertNull(ic.plic());
        BoardModel.Hyp h = b.hyp();
        assertEquals(0x4000_0000L, h.reserveBase());
        assertEquals(32L << 20, h.reserveSize());
        assertEquals(0x4008_0000L, h.loadAddress());
        assertEquals(h.reserveSpan(), h.loadSpan());
        assertEquals(26, h.timerIrq());
        assertEquals(1, h.ipiSgi());
        assertEquals(-1, h.hypercallIrq());
        assertEquals("uart0", h.console());
        assertEquals("uart0", h.consoleSpan().text());
        BoardModel.Device u = b.device("uart0");
        assertNull(u.dtPath());
        assertFalse(u.dma());
        assertNull(u.iommu());
        assertEquals(-1L, u.streamId());
        assertEquals(List.of(), u.properties());
        assertEquals(List.of(33), u.irqs().stream().map(BoardModel.Irq::id).toList());
    }

    @Test
    void everythingWrittenIsKept() {
        BoardModel b = board("""
                board full {
                    arch aarch64
                    compatible "acme,full", "acme,soc"
                    model "Acme Full Board"
                    cpus 2 "arm,cortex-a53" mpidr [0x100, 0x101]
                    cpus 2 "arm,cortex-a72" mpidr [0x200, 0x201] enable-method spin-table [0xd8, 0xe0]
                    memory low @ 0x4000_0000 size 512 MiB
                    memory high @ 0x1_0000_0000 size 1 GiB
                    gic v3 {
                        distributor   @ 0x0800_0000 size 64 KiB
                        redistributor @ 0x080a_0000 size 0x10_0000
                        maintenance-irq 21
                        lines 512
                        compatible ["arm,gic-v3", "acme,gic"]
                    }
                    timer irq [13, 14, 11, 10]
                    device uart0 "arm,pl011" @ 0x0900_0000 size 4 KiB irq 33
                    device eth0 "acme,eth" @ 0x0a00_0000 size 64 KiB irq [40, 41..43] {
                        dt-path "/soc/ethernet@a000000"
                        dma
                        iommu smmu stream 0x12
                        property "phy-mode" "rgmii"
                        property "dma-coherent"
                        property "#cells" 2
                        property "names" ["tx", "rx"]
                        property "reg-cells" [1, 2, 3]
                    }
                    device smmu "arm,mmu-500" @ 0x0b00_0000 size 64 KiB irq 42
                    hypervisor {
                        reserve @ 0x4000_0000 size 64 MiB
                        load @ 0x4010_0000
                        console uart0
                        timer-irq 27
                        ipi-sgi 3
                        hypercall-irq 70
                    }
                }
                """);
        assertEquals(List.of("acme,full", "acme,soc"), b.compatible());
        assertEquals("Acme Full Board", b.model());
        assertEquals(List.of(13, 14, 11, 10), b.timerIrqs());
        assertEquals(List.of(0, 1, 2, 3), b.cores().stream().map(BoardModel.Core::index).toList());
        assertEquals(List.of(0x100L, 0x101L, 0x200L, 0x201L), b.cores().stream().map(BoardModel.Core::mpidr).toList());
        assertEquals("arm,cortex-a53", b.cores().get(0).compatible());
        assertEquals("arm,cortex-a72", b.cores().get(3).compatible());
        assertEquals(BoardPlan.EnableMethod.PSCI, b.cores().get(1).enableMethod());
        assertEquals(BoardPlan.EnableMethod.SPIN_TABLE, b.cores().get(2).enableMethod());
        assertEquals(List.of(-1L, -1L, 0xd8L, 0xe0L), b.cores().stream().map(BoardModel.Core::releaseAddress).toList());
        assertEquals("0xe0", b.cores().get(3).releaseSpan().text());
        assertEquals(List.of("low", "high"), b.dram().stream().map(BoardModel.Bank::name).toList());
        assertEquals(0x1_0000_0000L, b.dram().get(1).base());
        assertEquals(1L << 30, b.dram().get(1).size());
        BoardModel.Intc ic = b.intc();
        assertEquals(InterruptControllerPlan.Kind.GICV3, ic.kind());
        assertEquals(21, ic.maintenanceIrq());
        assertEquals("maintenance-irq 21", ic.maintenanceSpan().text());
        assertEquals(512, ic.lines());
        assertEquals(List.of("arm,gic-v3", "acme,gic"), ic.compatible());
        assertNull(ic.cpuInterface());
        assertEquals(0x080a_0000L, ic.redistributor().base());
        assertEquals(0x10_0000L, ic.redistributor().size());
        assertEquals("redistributor", ic.redistributor().name());
        BoardModel.Device eth = b.device("eth0");
        assertEquals("acme,eth", eth.compatible());
        assertEquals(List.of(40, 41, 42, 43), eth.irqs().stream().map(BoardModel.Irq::id).toList());
        assertEquals("/soc/ethernet@a000000", eth.dtPath());
        assertTrue(eth.dma());
        assertEquals("smmu", eth.iommu());
        assertEquals(0x12L, eth.streamId());
        assertEquals(List.of(
                new DevicePlan.Property("phy-mode", List.of("rgmii"), List.of()),
                new DevicePlan.Property("dma-coherent", List.of(), List.of()),
                new DevicePlan.Property("#cells", List.of(), List.of(2L)),
                new DevicePlan.Property("names", List.of("tx", "rx"), List.of()),
                new DevicePlan.Property("reg-cells", List.of(), List.of(1L, 2L, 3L))), eth.properties());
        BoardModel.Hyp h = b.hyp();
        assertEquals(0x4010_0000L, h.loadAddress());
        assertEquals("load @ 0x4010_0000", h.loadSpan().text());
        assertEquals(27, h.timerIrq());
        assertEquals(3, h.ipiSgi());
        assertEquals(70, h.hypercallIrq());
    }

    @Test
    void aPlicHasItsOwnDefaults() {
        BoardModel b = board("""
                board rvb {
                    arch riscv64
                    cpus 2 "riscv"
                    memory dram @ 0x8000_0000 size 1 GiB
                    plic @ 0x0c00_0000 size 0x60_0000 { }
                    device uart0 "ns16550a" @ 0x1000_0000 size 4 KiB irq 10
                    hypervisor { reserve @ 0x8000_0000 size 32 MiB; console uart0 }
                }
                """);
        assertEquals(BoardPlan.Arch.RISCV64, b.arch());
        BoardModel.Intc ic = b.intc();
        assertEquals(InterruptControllerPlan.Kind.PLIC, ic.kind());
        assertEquals(96, ic.lines());
        assertEquals(List.of("riscv,plic0"), ic.compatible());
        assertEquals(0, ic.maintenanceIrq());
        assertNull(ic.distributor());
        assertEquals(0x0c00_0000L, ic.plic().base());
        assertEquals(0x60_0000L, ic.plic().size());
        assertEquals("plic", ic.plic().name());
        assertEquals(List.of("plic"), ic.frames().stream().map(BoardModel.Frame::name).toList());
    }
}
