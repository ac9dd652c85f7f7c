package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.codegen.rustshyper.ShyTestReader;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.dsl.diag.Diagnostic;

/**
 * A sample of the survey of `import dtb` over Debian's arm64 DTBs (bench/.../DtbSurvey): each
 * imported with only a reservation (64 MiB at its first memory bank, else at 0x40000000), the
 * board file checked. Each case stands for one kind of tree: what the import must find in it,
 * the import problems it must report and the check errors that remain (what the tree lacks).
 */
class DebianDtbSampleTest {

    @TempDir
    Path dir;

    static Path dtb(String relative) throws IOException {
        Path rpi4 = DtbBoardImporterTest.rpi4Dtb(); // fails, never skips, without the kernel package
        Path lib = rpi4.getParent().getParent();
        Path p = lib.resolve(relative);
        if (!Files.isRegularFile(p)) {
            fail("No " + relative + " in " + lib + ": the kernel package changed; pick another sample.");
        }
        return p;
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                // A bus with a reg of its own (AIPS, 4 MiB): each UART is its device, not folded into the bus.
                Arguments.of("freescale/imx8mp-evk.dtb", List.of(), List.of(), List.of(
                        "device serial1 \"fsl,imx8mp-uart\" @ 0x3089_0000 size 64 KiB irq 59 {",
                        "console serial1   // /chosen stdout-path /soc@0/bus@30800000/serial@30890000"),
                        List.of("bus-30800000", "device bus-")),
                // stdout-path an alias of a UART on a simple-bus: the alias resolves to its device.
                Arguments.of("amlogic/meson-g12b-a311d-khadas-vim3.dtb", List.of(), List.of(), List.of(
                        "console serial0   // /chosen stdout-path serial0:115200n8",
                        "device serial0 \"amlogic,meson-gx-uart\" @ 0xff80_3000 size 4 KiB irq 225 {"), List.of()),
                // No stdout-path at all: the serial0 alias.
                Arguments.of("amlogic/meson-s4-s805x2-aq222.dtb", List.of(), List.of(), List.of(
                        "console serial0   // no /chosen stdout-path: the serial0 alias"), List.of()),
                // An ITS the tree puts inside the GIC's own 1 MiB distributor frame is part of the GIC.
                Arguments.of("ti/k3-j721s2-common-proc-board.dtb", List.of(), List.of(), List.of(
                        "console serial2   // /chosen stdout-path serial2:115200n8"), List.of("msi-controller-1820000")),
                // interrupts-extended that points at the GIC: its INTIDs (SPI 0x1b0 and 0x28f).
                Arguments.of("qcom/sm8350-hdk.dtb", List.of("SHY1010"), List.of("SHY0206"), List.of(
                        "device ipa-1e40000 \"qcom,sm8350-ipa\" @ 0x01e4_0000 size 32 KiB irq [464, 687] {",
                        "an interrupt goes to /smp2p-modem/ipa-modem-to-ap, not the GIC; not declared"),
                        List.of("interrupts go to /soc@0/interrupt-controller@17a00000")),
                // Neither stdout-path nor alias: the first enabled UART, said to be a guess. No memory either.
                Arguments.of("freescale/fsl-ls1012a-frdm.dtb", List.of("SHY1010"), List.of("SHY0206"), List.of(
                        "console serial-21c0500   // a guess: the tree has no stdout-path and no serial alias"), List.of()),
                // The boot loader fills in memory: the board file says so and check names it.
                Arguments.of("allwinner/sun50i-a64-pine64-plus.dtb", List.of("SHY1010"), List.of("SHY0206"), List.of(
                        "console serial0   // /chosen stdout-path serial0:115200n8"), List.of()),
                // Not a GIC (BCM2836's own interrupt controller).
                Arguments.of("broadcom/bcm2837-rpi-3-b.dtb", List.of("SHY1009"), List.of("SHY0206"), List.of(
                        "// no GIC found in the DTB"), List.of()),
                // A GICv2 tree without the virtualization frames: said at import, named again by check.
                Arguments.of("hisilicon/hi3798cv200-poplar.dtb", List.of("SHY1012"), List.of("SHY0206"), List.of(
                        "// no hypervisor and virtual CPU interface frames (reg[2], reg[3]) and no maintenance interrupt in the DTB"), List.of()),
                // A phone: stdout-path is the framebuffer, no UART to take.
                Arguments.of("qcom/sdm630-sony-xperia-nile-discovery.dtb", List.of("SHY1010"), List.of("SHY0206"), List.of(
                        "// /chosen stdout-path framebuffer0 names"), List.of()));
    }

    private static final Pattern FIRST_BANK = Pattern.compile("(?m)^\\s*memory \\S+ @ (0x[0-9a-fA-F_]+) size");

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void importsAndChecksAsSurveyed(String relative, List<String> importCodes, List<String> checkErrors,
                                    List<String> present, List<String> absent) throws IOException {
        byte[] bytes = Files.readAllBytes(dtb(relative));
        Result<String> probe = DtbBoardImporter.importBoard(bytes, "b", relative, null);
        assertNotNull(probe.value(), probe.problems().toString());
        Matcher m = FIRST_BANK.matcher(probe.value());
        long base = m.find() ? Long.parseUnsignedLong(m.group(1).substring(2).replace("_", ""), 16) : 0x4000_0000L;
        Result<String> r = DtbBoardImporter.importBoard(bytes, "b", relative,
                new DtbBoardImporter.HypervisorHint(base, 64L << 20, base + DtbBoardImporter.DEFAULT_LOAD_OFFSET));
        String board = r.value();
        assertEquals(importCodes, r.problems().stream().map(p -> p.code().id()).distinct().sorted().toList(),
                r.problems().stream().map(Problem::toString).toList().toString());
        assertEquals(List.of(), ShyTestReader.parse(board).syntaxErrors());
        for (String s : present) {
            assertTrue(board.contains(s), s + "\n" + board);
        }
        for (String s : absent) {
            assertFalse(board.contains(s), s + "\n" + board);
        }
        Path file = dir.resolve("board.shy");
        Files.writeString(file, board);
        Compilation c = Compiler.standard().compile(List.of(file));
        assertEquals(checkErrors, c.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.code().id())
                .distinct().sorted().toList(), c.diagnostics().toString());
    }
}
