package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.emit.Tool;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Plan;

/**
 * Guest device trees for what Rust-Shyper configurations do: a page of QEMU's virtio-mmio
 * transports passed through, a window of devices, the board's console handed to a VM. Each
 * tree is read back by the real dtc, without a warning.
 */
@Tag("dtc")
class GuestTreeInteropTest {

    @TempDir
    Path dir;

    private OutputTree build(String system) throws IOException {
        Path shy = dir.resolve("system.shy");
        Files.writeString(shy, system);
        Compilation c = Compiler.standard().compile(List.of(shy));
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        Plan plan = c.instances().get(0).plan();
        return BuildOutputs.emitAll(plan, Examples.inputs(plan));
    }

    private String dtcReads(OutputTree out, String dtb) throws IOException {
        String dtc = Tool.require("dtc", "device-tree-compiler");
        Files.write(dir.resolve("g.dtb"), out.get(dtb));
        Tool.Run r = Tool.run(dir, 30, dtc, "-I", "dtb", "-O", "dts", "g.dtb");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr(), "dtc warned about " + dtb);
        return r.stdout();
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void aPageOfVirtioTransportsIsEightNodesWithOneInterruptEach() throws IOException {
        OutputTree out = build("""
                import board "qemu-virt"
                system s for qemu-virt {
                    vm g : linux management {
                        cpus [0]
                        memory @ 0x8000_0000 size 256 MiB
                        kernel "Image" @ 0x8020_0000
                        passthrough virtio-mmio0
                    }
                }
                """);
        String dts = dtcReads(out, "g.dtb");
        assertEquals(8, count(dts, "virtio_mmio@a00[0-9a-f]{4} \\{"), dts);
        assertTrue(dts.contains("virtio_mmio@a000e00 {"), dts);
        // QEMU's SPI 16 + k for the k-th transport: INTID 48 + k, 0x200 bytes each
        assertTrue(dts.contains("reg = <0x00 0xa000e00 0x00 0x200>;"), dts);
        assertTrue(dts.contains("interrupts = <0x00 0x17 0x01>;"), dts);
        assertEquals(0, count(dts, "interrupts = <0x00 0x10 0x01 0x00"), "no node with several interrupts:\n" + dts);
    }

    @Test
    void aWindowsDevicesAndTheHandedOverConsoleAppearInTheTree() throws IOException {
        OutputTree out = build("""
                import board "qemu-virt"
                system s for qemu-virt {
                    console to g
                    vm g : linux management {
                        cpus [0]
                        memory @ 0x8000_0000 size 256 MiB
                        kernel "Image" @ 0x8020_0000
                        passthrough @ 0x1901_0000 size 0x3_0000 at pa 0x0901_0000
                    }
                }
                """);
        String dts = dtcReads(out, "g.dtb");
        // rtc (0x0901_0000) and gpio (0x0903_0000) at their places in the window
        assertTrue(dts.contains("pl031@19010000 {"), dts);
        assertTrue(dts.contains("pl061@19030000 {"), dts);
        // the board's UART, the VM's own now: stdout-path names it, and there is no emulated console
        assertTrue(dts.contains("stdout-path = \"/pl011@9000000\";"), dts);
        assertEquals(1, count(dts, "@9000000 \\{"), dts);
    }

    /**
     * The VM's emulated UART as what it emulates: a PL011 with the board console's interrupt (Linux's pl011 cannot
     * open the port without one), and a Tegra's or DesignWare's 16550 as a plain `ns16550a` with the emulation's
     * 4-byte register spacing and no interrupt, which Linux's 8250 driver polls (LinuxGuestTest boots the first,
     * RiscvLinuxGuestTest an `ns16550a` without an interrupt).
     */
    @Test
    void theEmulatedConsoleIsDescribedAsWhatItEmulates() throws IOException {
        String pl011 = dtcReads(build(system("qemu-virt", "0x4000_0000")), "g.dtb");
        assertTrue(pl011.contains("compatible = \"arm,pl011\\0arm,primecell\";\n\t\treg = <0x00 0x9000000 0x00 0x1000>;\n"
                + "\t\tinterrupts = <0x00 0x01 0x04>;"), pl011);
        for (String board : List.of("rk3588", "jetson-tx2")) {
            String dts = dtcReads(build(system(board, board.equals("rk3588") ? "0x1000_0000" : "0x8000_0000")), "g.dtb");
            Matcher node = Pattern.compile("serial@[0-9a-f]+ \\{([^}]*)\\}").matcher(dts);
            assertTrue(node.find(), dts);
            String body = node.group(1);
            assertTrue(body.contains("compatible = \"ns16550a\";"), board + ":\n" + body);
            assertTrue(body.contains("reg-shift = <0x02>;") && body.contains("reg-io-width = <0x04>;"), board + ":\n" + body);
            assertTrue(body.contains("clock-frequency = "), board + ":\n" + body);   // dtc shows 0x00384000 as a string
            assertFalse(body.contains("interrupts"), board + ":\n" + body);
        }
    }

    private static String system(String board, String ram) {
        return "import board \"" + board + "\"\nsystem s for " + board + " {\n    vm g : baremetal management {\n        cpus [0]\n"
                + "        memory @ " + ram + " size 64 MiB\n        kernel \"Image\" @ " + ram + "\n    }\n}\n";
    }
}
