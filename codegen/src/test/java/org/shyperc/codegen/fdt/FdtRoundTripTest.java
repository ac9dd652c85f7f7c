package org.shyperc.codegen.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.shyperc.codegen.Gens;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.diag.Codes;

/** Write then read gives back the same tree; any damage to a blob gives an error, never an exception. */
class FdtRoundTripTest {

    @Test
    void writeThenReadIsIdentity() {
        Gens.qt(300).withShrinkCycles(1000).forAll(fdts()).checkAssert(fdt -> {
            byte[] blob = FdtWriter.write(fdt);
            Result<Fdt> back = FdtReader.read(blob);
            assertEquals(List.of(), back.problems());
            assertEquals(fdt, back.value());
            assertArrayEquals4(blob, FdtWriter.write(back.value()));
        });
    }

    @Test
    void everyTruncationIsReportedNotThrown() {
        Gens.qt(200).withShrinkCycles(1000).forAll(fdts(), SourceDSL.integers().between(0, 10_000)).checkAssert((fdt, cut) -> {
            byte[] blob = FdtWriter.write(fdt);
            int len = cut % blob.length;
            Result<Fdt> r = FdtReader.read(Arrays.copyOf(blob, len));
            assertNull(r.value());
            assertEquals(Codes.FDT_TRUNCATED, r.problems().get(0).code(), r.problems().toString());
        });
    }

    @Test
    void corruptBytesNeverThrow() {
        Gens.qt(500).withShrinkCycles(1000)
                .forAll(fdts(), SourceDSL.integers().between(0, 100_000), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .checkAssert((fdt, where, what) -> {
                    byte[] blob = FdtWriter.write(fdt);
                    blob[where % blob.length] = what;
                    Result<Fdt> r = FdtReader.read(blob);
                    // Either still a tree, or exactly one error with a message and a byte location.
                    if (r.value() == null) {
                        assertEquals(1, r.problems().size());
                        assertTrue(r.problems().get(0).location().startsWith("byte 0x"));
                        assertNotNull(r.problems().get(0).message());
                    }
                });
    }

    @Test
    void stringsBlockHoldsEachNameOnce() {
        Gens.qt(100).withShrinkCycles(1000).forAll(fdts()).checkAssert(fdt -> {
            byte[] blob = FdtWriter.write(fdt);
            java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(blob);
            int off = h.getInt(12);
            int size = h.getInt(32);
            String[] names = new String(blob, off, size, java.nio.charset.StandardCharsets.UTF_8).split("\0");
            assertEquals(Arrays.stream(names).filter(s -> !s.isEmpty()).distinct().count(),
                    Arrays.stream(names).filter(s -> !s.isEmpty()).count());
        });
    }

    private static void assertArrayEquals4(byte[] a, byte[] b) {
        assertTrue(Arrays.equals(a, b), "rewriting the read tree gives the same bytes");
    }

    static Gen<Fdt> fdts() {
        Gen<List<Fdt.Reservation>> rsv = SourceDSL.lists()
                .of(SourceDSL.longs().all().zip(SourceDSL.longs().between(1, Long.MAX_VALUE), Fdt.Reservation::new))
                .ofSizeBetween(0, 3);
        return rsv.zip(SourceDSL.longs().between(0, 0xffff_ffffL), node(3).map(n ->
                new FdtNode("", n.properties(), n.children())), Fdt::new);
    }

    private static Gen<FdtNode> node(int depth) {
        Gen<String> name = Gens.stringsOf("abcdefghijklmnopqrstuvwxyz0123456789,._+-@", 1, 20);
        Gen<FdtProperty> prop = Gens.stringsOf("abcdefghijklmnopqrstuvwxyz#,-", 1, 16).zip(
                Generate.byteArrays(Generate.range(0, 40), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)),
                FdtProperty::new);
        Gen<List<FdtNode>> kids = depth == 0 ? Generate.constant(List.of())
                : SourceDSL.lists().of(node(depth - 1)).ofSizeBetween(0, 3);
        return name.zip(SourceDSL.lists().of(prop).ofSizeBetween(0, 5), kids, FdtNode::new);
    }
}
