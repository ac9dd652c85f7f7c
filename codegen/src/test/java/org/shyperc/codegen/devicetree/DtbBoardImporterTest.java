package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.fdt.Fdt;
import org.shyperc.codegen.fdt.FdtNode;
import org.shyperc.codegen.fdt.FdtProperty;
import org.shyperc.codegen.fdt.FdtWriter;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.codegen.rustshyper.ShyTestReader;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.parser.ShyParser;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.Plan;

/**
 * `import dtb` on two real device trees: the one QEMU dumps for the board Rust-Shyper runs
 * on, and the Raspberry Pi 4's from Debian's kernel package. The imported facts must equal
 * the ones the project's hand-written, sourced board files state.
 */
@Tag("qemu")
class DtbBoardImporterTest {

    @TempDir
    Path dir;

    private static final DtbBoardImporter.HypervisorHint QEMU_HYP =
            new DtbBoardImporter.HypervisorHint(0x4000_0000L, 128L << 20, 0x4008_0000L);

    private byte[] qemuDtb() throws IOException {
        String qemu = Tool.require("qemu-system-aarch64", "qemu-system-arm");
        Tool.Run r = Tool.run(dir, 60, qemu, "-machine", "virt,virtualization=on,gic-version=2,dumpdtb=virt.dtb",
                "-cpu", "cortex-a57", "-nic", "none", "-smp", "4", "-m", "2G", "-nographic");
        assertEquals(0, r.exitCode(), r.stderr());
        return Files.readAllBytes(dir.resolve("virt.dtb"));
    }

    static Path rpi4Dtb() throws IOException {
        String cache = System.getProperty("shyperc.linux.cache", System.getenv().getOrDefault("SHYPERC_LINUX_CACHE",
                System.getProperty("user.home") + "/.cache/shyperc/linux"));
        Path lib = Path.of(cache, "root/usr/lib");
        if (Files.isDirectory(lib)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(lib, "linux-image-*")) {
                for (Path p : ds) {
                    Path dtb = p.resolve("broadcom/bcm2711-rpi-4-b.dtb");
                    if (Files.isRegularFile(dtb)) {
                        return dtb;
                    }
                }
            }
        }
        fail("No bcm2711-rpi-4-b.dtb under " + lib + ": run tests/linux/fetch-kernel.sh first (CI does).");
        return null;
    }

    /** QEMU dumps a GIC without its virtualization frames unless told `virtualization=on`: the import says how. */
    @Test
    void aQemuTreeWithoutVirtualizationSaysHowToDumpAUsableOne() throws IOException {
        String qemu = Tool.require("qemu-system-aarch64", "qemu-system-arm");
        Tool.Run run = Tool.run(dir, 60, qemu, "-machine", "virt,gic-version=2,dumpdtb=plain.dtb",
                "-cpu", "cortex-a57", "-nic", "none", "-smp", "4", "-m", "2G", "-nographic");
        assertEquals(0, run.exitCode(), run.stderr());
        Result<String> r = DtbBoardImporter.importBoard(Files.readAllBytes(dir.resolve("plain.dtb")), "plain", "plain.dtb", QEMU_HYP);
        assertEquals(List.of(Codes.DTB_GIC_NO_VIRT), r.problems().stream().map(Problem::code).toList());
        assertTrue(r.problems().get(0).message().contains("-machine virt,virtualization=on"), r.problems().toString());
        assertTrue(r.value().contains("dump it from QEMU with -machine virt,virtualization=on"), r.value());
    }

    private static BoardPlan handWritten(String example) {
        return Examples.plans(Examples.root().resolve("examples/" + example + "/system.shy")).get(0).board();
    }

    /** Devices of a board by dt-path. */
    private static Map<String, DevicePlan> byPath(BoardPlan b) {
        Map<String, DevicePlan> m = new TreeMap<>();
        b.devices().stream().filter(d -> d.dtPath() != null).forEach(d -> m.put(d.dtPath(), d));
        return m;
    }

    @Test
    void qemuVirtImportCompilesToTheHandWrittenBoard() throws IOException {
        Result<String> r = DtbBoardImporter.importBoard(qemuDtb(), "qemu-virt", "virt.dtb", QEMU_HYP);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(), ShyTestReader.parse(r.value()).syntaxErrors());
        Files.writeString(dir.resolve("board.shy"), r.value());
        Files.writeString(dir.resolve("system.shy"), """
                import "board.shy"
                system probe for qemu-virt {
                    vm a : baremetal {
                        cpus [1]
                        memory @ 0x0 size 16 MiB
                        kernel "k.bin" @ 0x0
                        passthrough pl031-9010000
                    }
                }
                """);
        Compilation c = Compiler.standard().compile(List.of(dir.resolve("system.shy")));
        assertFalse(c.hasErrors(), c.diagnostics() + "\n" + r.value());
        Plan plan = c.instances().get(0).plan();
        BoardPlan got = plan.board();
        BoardPlan want = handWritten("qemu-virt");

        assertEquals(want.cpus().stream().map(BoardPlan.CpuPlan::mpidr).toList(),
                got.cpus().stream().map(BoardPlan.CpuPlan::mpidr).toList());
        assertEquals(want.dram().stream().map(m -> List.of(m.base(), m.size())).toList(),
                got.dram().stream().map(m -> List.of(m.base(), m.size())).toList());
        assertEquals(want.interruptController().distributor(), got.interruptController().distributor());
        assertEquals(want.interruptController().cpuInterface(), got.interruptController().cpuInterface());
        assertEquals(want.interruptController().hypInterface(), got.interruptController().hypInterface());
        assertEquals(want.interruptController().virtualCpuInterface(), got.interruptController().virtualCpuInterface());
        assertEquals(want.interruptController().maintenanceIrq(), got.interruptController().maintenanceIrq());
        assertEquals(want.timerIrqs(), got.timerIrqs());
        Map<String, DevicePlan> gotDevices = byPath(got);
        for (DevicePlan d : byPath(want).values()) {
            DevicePlan g = gotDevices.get(d.dtPath());
            assertNotNull(g, "no imported device for " + d.dtPath() + "\n" + r.value());
            assertEquals(List.of(d.base(), d.size()), List.of(g.base(), g.size()), d.dtPath());
            // QEMU's DTB says which devices master the bus (dma-coherent): the hand-written board must say so too
            assertEquals(d.dma(), g.dma(), d.dtPath());
            assertEquals(d.irqs(), g.irqs(), d.dtPath());
            assertEquals(d.compatible(), g.compatible(), d.dtPath());
        }
    }

    @Test
    void raspberryPi4ImportHasTheHandWrittenFacts() throws IOException {
        Result<String> r = DtbBoardImporter.importBoard(Files.readAllBytes(rpi4Dtb()), "rpi4", "bcm2711-rpi-4-b.dtb", null);
        assertEquals(List.of(Codes.DTB_NO_MEMORY), r.problems().stream().map(p -> p.code()).toList(),
                "its /memory@0 reg is empty: the firmware fills it in");
        ShyTestReader.Parsed parsed = ShyTestReader.parse(r.value());
        assertEquals(List.of(), parsed.syntaxErrors());
        String text = r.value();
        // The stock firmware's spin table, as its cpu nodes say.
        assertTrue(text.contains("cpus 4 \"arm,cortex-a72\" mpidr [0, 1, 2, 3] enable-method spin-table [0xd8, 0xe0, 0xe8, 0xf0]"), text);
        assertTrue(text.contains("distributor @ 0xff84_1000 size 4 KiB"), text);
        assertTrue(text.contains("virtual-cpu-interface @ 0xff84_6000 size 8 KiB"), text);
        assertTrue(text.contains("timer irq [29, 30, 27, 26]"), text);

        Map<String, ShyParser.BoardDeviceContext> imported = new TreeMap<>();
        for (ShyParser.DeclContext d : parsed.tree().decl()) {
            for (ShyParser.BoardItemContext item : d.boardDecl().boardItem()) {
                if (item instanceof ShyParser.BoardDeviceContext dev) {
                    for (ShyParser.DeviceItemContext di : dev.deviceItem()) {
                        if (di instanceof ShyParser.DeviceDtPathContext p) {
                            imported.put(p.STRING().getText().replace("\"", ""), dev);
                        }
                    }
                }
            }
        }
        // Every device of the hand-written board (translated through /soc, /scb and /emmc2bus
        // ranges by hand) is found at the same address with the same INTIDs.
        List<String> checked = new ArrayList<>();
        for (DevicePlan want : byPath(handWritten("rpi4")).values()) {
            ShyParser.BoardDeviceContext got = imported.get(want.dtPath());
            assertNotNull(got, "no imported device for " + want.dtPath());
            assertEquals(want.base(), number(got.number(0)), want.dtPath());
            List<Integer> irqs = new ArrayList<>();
            if (got.irqSpec() != null) {
                if (got.irqSpec().number() != null) {
                    irqs.add((int) number(got.irqSpec().number()));
                } else {
                    got.irqSpec().list().listItem().forEach(li -> irqs.add((int) number(
                            ((ShyParser.ValueItemContext) li).value().number())));
                }
            }
            assertTrue(irqs.containsAll(want.irqs()), want.dtPath() + ": " + irqs + " vs " + want.irqs());
            checked.add(want.dtPath());
        }
        assertTrue(checked.size() >= 5, checked.toString());
    }

    private static long number(ShyParser.NumberContext n) {
        String t = n.INT().getText().replace("_", "");
        long v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        if (n.unit() != null) {
            v <<= switch (n.unit().getText()) {
                case "KiB" -> 10;
                case "MiB" -> 20;
                default -> 30;
            };
        }
        return v;
    }

    @Test
    void corruptDtbIsAProblem() {
        Result<String> r = DtbBoardImporter.importBoard(new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed}, "x",
                "x.dtb", null);
        assertEquals(Codes.FDT_TRUNCATED, r.problems().get(0).code());
        assertTrue(r.problems().get(0).location().startsWith("x.dtb: "), r.problems().toString());
        assertTrue(r.problems().get(0).message().contains("shorter than the 40-byte"), r.problems().toString());
    }

    @Test
    void aTreeWithoutCpusMemoryOrGicDrawsOneWarningForEach() {
        FdtNode root = new FdtNode("", List.of(new FdtProperty("compatible", "acme,bare\0".getBytes())), List.of());
        byte[] dtb = FdtWriter.write(new Fdt(List.of(), 0, root));
        Result<String> r = DtbBoardImporter.importBoard(dtb, "bare", "bare.dtb", null);
        assertEquals(List.of(Codes.DTB_NO_CPUS, Codes.DTB_NO_MEMORY, Codes.DTB_NO_GIC),
                r.problems().stream().map(p -> p.code()).toList(), r.problems().toString());
        assertTrue(r.problems().stream().allMatch(p -> p.severity() == Problem.Severity.WARNING), r.problems().toString());
        assertNotNull(r.value());
    }
}
