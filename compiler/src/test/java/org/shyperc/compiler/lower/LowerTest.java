package org.shyperc.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;

/** Lowering a placed instance to its Plan: every value carried over, every list in its fixed order. */
class LowerTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    /** Three VMs on the corpus's test board, written so that source order and the Plan's order differ. */
    static final String SYSTEM = """
            import "tests/diagnostics/_lib/board.shy"
            system s for tb {
                vm a : linux management {
                    cpus [2, 0]
                    memory @ 0x9000_0000 size 16 MiB
                    memory @ 0x8000_0000 size 64 MiB
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x8020_0000
                    initrd "tests/diagnostics/_lib/initrd.bin" @ 0x9000_0000
                    bootargs "console=ttyAMA0"
                    passthrough rtc
                    passthrough gpio @ 0x0a10_0000
                    virtio console @ 0x0a00_0000 irq 48 { peer b }
                    virtio console @ 0x0a00_1000 irq 49 { peer c; peer-console @ 0x0a00_3000 }
                    virtio blk @ 0x0a00_2000 irq 50 { first-sector 2048 sectors 4096 }
                    virtio net @ 0x0a00_4000 irq 51 { mac "02:00:00:00:00:1f" }
                }
                vm b : baremetal {
                    cpus [1]
                    memory @ 0x0 size 32 MiB at pa 0x7000_0000
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0 entry 0x100
                    virtio console @ 0x0a00_0000 irq 48 { peer a }
                    passthrough @ 0x0904_0000 size 4 KiB
                    passthrough @ 0x0900_2000 size 4 KiB
                }
                vm c : baremetal {
                    cpus [3]
                    memory @ 0x0 size 32 MiB
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                    virtio console @ 0x0a00_3000 irq 48 { peer a }
                    virtio console @ 0x0a00_5000 irq 49
                }
                shared z size 8 KiB {
                    a @ 0xd000_0000 rw
                    b @ 0x1000_0000 ro
                }
                shared y size 2 MiB {
                    a @ 0xc000_0000 ro
                }
            }
            """;

    static Compilation compile(String text) {
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text));
    }

    static Plan plan() {
        Compilation c = compile(SYSTEM);
        assertEquals(List.of(), c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList());
        Plan p = c.instances().get(0).plan();
        assertNotNull(p);
        return p;
    }

    @Test
    void theHypervisorAndTheBoardAreCarriedOver() {
        Plan p = plan();
        assertEquals("s", p.system());
        HypervisorPlan h = p.hypervisor();
        assertEquals(0x4000_0000L, h.reserveBase());
        assertEquals(32L << 20, h.reserveSize());
        assertEquals(0x4008_0000L, h.loadAddress());
        assertEquals("uart0", h.console());
        assertEquals(26, h.timerIrq());
        assertEquals(1, h.ipiSgi());
        assertEquals(64, h.hypercallIrq());

        BoardPlan b = p.board();
        assertEquals("tb", b.name());
        assertEquals(BoardPlan.Arch.AARCH64, b.arch());
        assertEquals(4, b.cpus().size());
        assertEquals(List.of(0L, 1L, 2L, 3L), b.cpus().stream().map(BoardPlan.CpuPlan::mpidr).toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(i, b.cpus().get(i).index());
            assertEquals("arm,cortex-a57", b.cpus().get(i).compatible());
            assertEquals(BoardPlan.EnableMethod.PSCI, b.cpus().get(i).enableMethod());
            assertEquals(-1L, b.cpus().get(i).releaseAddress());
        }
        assertEquals(List.of("dram"), b.dram().stream().map(BoardPlan.MemoryBank::name).toList());
        assertEquals(0x4000_0000L, b.dram().get(0).base());
        assertEquals(1L << 30, b.dram().get(0).size());

        InterruptControllerPlan ic = b.interruptController();
        assertEquals(InterruptControllerPlan.Kind.GICV2, ic.kind());
        assertEquals(0x0800_0000L, ic.distributor().base());
        assertEquals(0x1_0000L, ic.distributor().size());
        assertEquals(0x0801_0000L, ic.cpuInterface().base());
        assertEquals(0x0803_0000L, ic.hypInterface().base());
        assertEquals(0x0804_0000L, ic.virtualCpuInterface().base());
        assertEquals(0x1_0000L, ic.virtualCpuInterface().size());
        assertNull(ic.redistributor());
        assertNull(ic.plic());
        assertEquals(25, ic.maintenanceIrq());
        assertEquals(288, ic.lines());

        DevicePlan rtc = b.device("rtc");
        assertEquals("arm,pl031", rtc.compatible());
        assertEquals(0x0901_0000L, rtc.base());
        assertEquals(0x1000L, rtc.size());
        assertEquals(List.of(34), rtc.irqs());
        assertFalse(rtc.dma());
        assertTrue(b.device("dmac").dma());
        assertEquals(List.of("uart0", "uart1", "rtc", "gpio", "i2c0", "i2c1", "dmac", "spi0", "spi1", "hcdev", "ppidev"),
                b.devices().stream().map(DevicePlan::name).toList());
    }

    @Test
    void aVmsRegionsAreSortedByIpaAndItsCoresByNumber() {
        VmPlan a = plan().vm("a");
        assertEquals(VmPlan.Kind.LINUX, a.kind());
        assertTrue(a.management());
        assertEquals(List.of(0, 2), a.cpus());
        assertEquals(2, a.memory().size());
        // the 16 MiB region was declared (and placed) first, after the 32 MiB reservation; the Plan lists by IPA
        assertEquals(0x8000_0000L, a.memory().get(0).ipa());
        assertEquals(0x4300_0000L, a.memory().get(0).pa());
        assertEquals(64L << 20, a.memory().get(0).size());
        assertEquals(0x9000_0000L, a.memory().get(1).ipa());
        assertEquals(0x4200_0000L, a.memory().get(1).pa());
        assertEquals(16L << 20, a.memory().get(1).size());
        assertEquals("tests/diagnostics/_lib/kernel.bin", a.kernel().path());
        assertEquals(0x8020_0000L, a.kernel().ipa());
        assertEquals(0x8020_0000L, a.kernel().entry());
        assertEquals("tests/diagnostics/_lib/initrd.bin", a.initrd().path());
        assertEquals(0x9000_0000L, a.initrd().ipa());
        assertEquals("console=ttyAMA0", a.bootargs());

        VmPlan b = plan().vm("b");
        assertFalse(b.management());
        assertEquals(VmPlan.Kind.BAREMETAL, b.kind());
        assertEquals(List.of(1), b.cpus());
        assertEquals(0x7000_0000L, b.memory().get(0).pa());
        assertEquals(0x100L, b.kernel().entry());
        assertNull(b.initrd());
        VmPlan c = plan().vm("c");
        assertEquals(0x4700_0000L, c.memory().get(0).pa());
        assertEquals(List.of(0, 1, 2), plan().vms().stream().map(VmPlan::id).toList());
    }

    @Test
    void passthroughDevicesKeepTheirPaIpaAndInterrupts() {
        VmPlan a = plan().vm("a");
        assertEquals(2, a.passthrough().size());
        VmPlan.Passthrough rtc = a.passthrough().get(0);
        assertEquals("rtc", rtc.device());
        assertEquals(0x0901_0000L, rtc.pa());
        assertEquals(0x0901_0000L, rtc.ipa());
        assertEquals(0x1000L, rtc.size());
        assertEquals(List.of(34), rtc.irqs());
        VmPlan.Passthrough gpio = a.passthrough().get(1);
        assertEquals("gpio", gpio.device());
        assertEquals(0x0903_0000L, gpio.pa());
        assertEquals(0x0a10_0000L, gpio.ipa());
        assertEquals(List.of(39), gpio.irqs());
        assertEquals(List.of(), a.windows());
    }

    @Test
    void windowsAreSortedByIpaAndNameTheDevicesInThem() {
        VmPlan b = plan().vm("b");
        assertEquals(2, b.windows().size());
        VmPlan.Window first = b.windows().get(0);
        assertEquals(0x0900_2000L, first.ipa());
        assertEquals(0x0900_2000L, first.pa());
        assertEquals(0x1000L, first.size());
        assertEquals(List.of("uart1"), first.devices());
        VmPlan.Window second = b.windows().get(1);
        assertEquals(0x0904_0000L, second.ipa());
        assertEquals(List.of("i2c0", "i2c1"), second.devices());
    }

    @Test
    void virtioDevicesCarryTheirDiskPeerAndMac() {
        VmPlan a = plan().vm("a");
        List<VmPlan.Virtio> v = a.virtio();
        assertEquals(List.of("console", "console", "blk", "net"), v.stream().map(VmPlan.Virtio::kind).toList());
        assertEquals(List.of(0x0a00_0000L, 0x0a00_1000L, 0x0a00_2000L, 0x0a00_4000L), v.stream().map(VmPlan.Virtio::ipa).toList());
        assertEquals(List.of(48, 49, 50, 51), v.stream().map(VmPlan.Virtio::irq).toList());
        assertEquals(0x1000L, v.get(0).size());
        // b's only console pairs with a
        assertEquals("b", v.get(0).peer().vm());
        assertEquals(0x0a00_0000L, v.get(0).peer().console());
        // named by IPA
        assertEquals("c", v.get(1).peer().vm());
        assertEquals(0x0a00_3000L, v.get(1).peer().console());
        assertNull(v.get(0).disk());
        assertEquals(2048L, v.get(2).disk().firstSector());
        assertEquals(4096L, v.get(2).disk().sectors());
        assertNull(v.get(2).peer());
        assertEquals(List.of(), v.get(2).mac());
        assertEquals(List.of(2, 0, 0, 0, 0, 0x1f), v.get(3).mac());

        // c's console that names a pairs with a's console that names c; its other console has no peer
        List<VmPlan.Virtio> c = plan().vm("c").virtio();
        assertEquals("a", c.get(0).peer().vm());
        assertEquals(0x0a00_1000L, c.get(0).peer().console());
        assertNull(c.get(1).peer());
        assertEquals(0x0a00_0000L, plan().vm("b").virtio().get(0).peer().console());
    }

    @Test
    void sharedRegionsAndTheirWindowsInEachVm() {
        Plan p = plan();
        assertEquals(List.of("z", "y"), p.shared().stream().map(SharedPlan::name).toList());
        SharedPlan z = p.shared().get(0);
        assertEquals(0x4900_0000L, z.pa());
        assertEquals(0x2000L, z.size());
        assertEquals(List.of("a", "b"), z.mappings().stream().map(SharedPlan.Mapping::vm).toList());
        assertEquals(0xd000_0000L, z.mappings().get(0).ipa());
        assertTrue(z.mappings().get(0).writable());
        assertFalse(z.mappings().get(1).writable());
        assertEquals(0x4920_0000L, p.shared().get(1).pa());

        List<VmPlan.SharedWindow> a = p.vm("a").sharedWindows();
        assertEquals(List.of("y", "z"), a.stream().map(VmPlan.SharedWindow::region).toList());
        assertEquals(0xc000_0000L, a.get(0).ipa());
        assertEquals(0x4920_0000L, a.get(0).pa());
        assertEquals(2L << 20, a.get(0).size());
        assertFalse(a.get(0).writable());
        assertEquals(0xd000_0000L, a.get(1).ipa());
        assertTrue(a.get(1).writable());
        assertEquals(List.of("z"), p.vm("b").sharedWindows().stream().map(VmPlan.SharedWindow::region).toList());
        assertEquals(List.of(), p.vm("c").sharedWindows());
    }

    @Test
    void theVirtualGicAndConsoleAndTheMappingList() {
        VmPlan a = plan().vm("a");
        VmPlan.VirtualGic g = a.vgic();
        assertEquals(0x0800_0000L, g.distributorIpa());
        assertEquals(0x1_0000L, g.distributorSize());
        assertEquals(0x0801_0000L, g.cpuInterfaceIpa());
        assertEquals(0x1_0000L, g.cpuInterfaceSize()); // the board's GICV frame's size
        assertEquals(0L, g.redistributorIpa());
        assertEquals(0L, g.redistributorSize());
        assertEquals("arm,pl011", a.console().compatible());
        assertEquals(0x0900_0000L, a.console().ipa());
        assertEquals(0x1000L, a.console().size());
        assertFalse(a.mappings().isEmpty());
        assertEquals(a.mappings(), compile(SYSTEM).instances().get(0).instance().vm("a").map().stream()
                .map(org.shyperc.compiler.model.MapEntry::mapping).toList());
    }

    @Test
    void aGicV3VmHasARedistributorAndNoCpuInterface() {
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL)
                .compile(List.of(ROOT.resolve("examples/qemu-virt-gicv3/system.shy")));
        Plan p = c.instances().get(0).plan();
        assertNotNull(p, () -> c.diagnostics().toString());
        VmPlan.VirtualGic g = p.vms().get(0).vgic();
        assertTrue(g.distributorSize() > 0);
        assertTrue(g.redistributorSize() > 0);
        assertTrue(g.redistributorIpa() != 0);
        assertEquals(0L, g.cpuInterfaceIpa());
        assertEquals(0L, g.cpuInterfaceSize());
        assertNotNull(p.board().interruptController().redistributor());
        assertNull(p.board().interruptController().cpuInterface());
    }
}
