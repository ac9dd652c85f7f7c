package org.shyperc.codegen.devicetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.fdt.Fdt;
import org.shyperc.codegen.fdt.FdtNode;
import org.shyperc.codegen.fdt.FdtProperty;
import org.shyperc.codegen.fdt.FdtWriter;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.source.SourceFile;

/**
 * A device tree whose node or property names hold characters a .shy file cannot (a control character, an invisible
 * bidirectional-text control): the board file is still one the parser reads, with `?` in their place, and each such
 * name is said once (SHY1013), at a location without the raw character.
 */
class DtbNameCharactersTest {

    private static FdtProperty cells(String name, long... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        for (long x : v) b.putInt((int) x);
        return new FdtProperty(name, b.array());
    }

    private static FdtProperty string(String name, String v) {
        return new FdtProperty(name, (v + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private static Result<String> importTree(String uartName, String uartProperty) {
        FdtNode cpu = new FdtNode("cpu@0", List.of(string("device_type", "cpu"), string("compatible", "arm,cortex-a57"),
                cells("reg", 0)), List.of());
        FdtNode cpus = new FdtNode("cpus", List.of(cells("#address-cells", 1), cells("#size-cells", 0)), List.of(cpu));
        FdtNode memory = new FdtNode("memory@40000000", List.of(string("device_type", "memory"),
                cells("reg", 0, 0x4000_0000L, 0, 0x8000_0000L)), List.of());
        FdtNode uart = new FdtNode(uartName, List.of(string("compatible", "arm,pl011"), cells("reg", 0, 0x0900_0000L, 0, 0x1000),
                string(uartProperty, "okay")), List.of());
        FdtNode root = new FdtNode("", List.of(cells("#address-cells", 2), cells("#size-cells", 2),
                string("compatible", "linux,dummy-virt")), List.of(cpus, memory, uart));
        return DtbBoardImporter.importBoard(FdtWriter.write(Fdt.of(root)), "odd", "odd.dtb", null);
    }

    private static List<Problem> nameProblems(Result<String> r) {
        return r.problems().stream().filter(p -> p.code() == Codes.DTB_NAME_CHARACTER).toList();
    }

    /** The board file must read: no SHY0107 (control character) or SHY0108 (bidi control), no syntax error. */
    private static void readsCleanly(Result<String> r) {
        assertNotNull(r.value(), r.problems().toString());
        assertEquals(List.of(), DslParser.parse(SourceFile.of("odd.shy", r.value())).diagnostics(), r.value());
    }

    @Test
    void aBidiControlInANodeNameIsWrittenAsAQuestionMarkAndSaid() {
        Result<String> r = importTree("uart\u202e@9000000", "x-label");
        readsCleanly(r);
        assertTrue(r.value().contains("dt-path \"/uart?@9000000\""), r.value());
        List<Problem> named = nameProblems(r);
        assertEquals(1, named.size(), r.problems().toString());
        assertEquals("odd.dtb: /uart?@9000000", named.get(0).location());
        assertTrue(named.get(0).message().contains("bidirectional-text control U+202E"), named.get(0).message());
        assertEquals(Problem.Severity.WARNING, named.get(0).severity());
    }

    @Test
    void aControlCharacterInAPropertyNameIsWrittenAsAQuestionMarkAndSaid() {
        Result<String> r = importTree("uart@9000000", "x-\u001b]0;label");
        readsCleanly(r);
        assertTrue(r.value().contains("property \"x-?]0;label\""), r.value());
        List<Problem> named = nameProblems(r);
        assertEquals(1, named.size(), r.problems().toString());
        assertTrue(named.get(0).message().contains("control character U+001B"), named.get(0).message());
        assertFalse(named.get(0).toString().chars().anyMatch(c -> c < 0x20), named.get(0).toString());
    }

    @Test
    void ordinaryNamesDrawNoSuchWarning() {
        Result<String> r = importTree("uart@9000000", "x-label,#cells?");
        readsCleanly(r);
        assertEquals(List.of(), nameProblems(r));
    }
}
