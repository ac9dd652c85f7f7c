package org.shyperc.codegen.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.diag.Codes;

/** Hand-made damage to a small blob: each gets its code and a sentence that says what is wrong. */
class FdtReaderTest {

    private static byte[] sample() {
        FdtNode cpu = new FdtNode("cpu@0", List.of(new FdtProperty("reg", new byte[4])), List.of());
        FdtNode root = new FdtNode("", List.of(new FdtProperty("model", "x\0".getBytes()),
                new FdtProperty("#address-cells", new byte[] {0, 0, 0, 2})), List.of(cpu));
        return FdtWriter.write(new Fdt(List.of(new Fdt.Reservation(0x1000, 0x2000)), 0, root));
    }

    @Test
    void headerFieldsAreThoseOfVersion17() {
        ByteBuffer h = ByteBuffer.wrap(sample());
        assertEquals(0xd00dfeed, h.getInt(0));
        assertEquals(sample().length, h.getInt(4));
        assertEquals(17, h.getInt(20));
        assertEquals(16, h.getInt(24));
        assertEquals(40, h.getInt(16), "reservation map right after the header, 8-aligned");
        assertEquals(0, h.getInt(8) % 4);
        assertEquals(0x1000L, h.getLong(40));
        assertEquals(0x2000L, h.getLong(48));
    }

    @Test
    void readsBackReservationsAndTree() {
        Fdt f = FdtReader.read(sample()).orThrow();
        assertEquals(List.of(new Fdt.Reservation(0x1000, 0x2000)), f.reservations());
        assertEquals(List.of("x"), f.root().property("model").strings());
        assertEquals(2L, f.node("/").property("#address-cells").cells()[0]);
        assertEquals(4, f.node("/cpu@0").property("reg").length());
    }

    @Test
    void rejectsWrongMagic() {
        byte[] b = sample();
        b[0] = 0x7f;
        Result<Fdt> r = FdtReader.read(b);
        assertNull(r.value());
        assertEquals(Codes.FDT_MAGIC, r.problems().get(0).code());
        assertTrue(r.problems().get(0).message().contains("not a device-tree blob"));
    }

    @Test
    void rejectsTruncatedBlobSayingHowShort() {
        byte[] b = sample();
        Result<Fdt> r = FdtReader.read(Arrays.copyOf(b, b.length - 5));
        assertEquals(Codes.FDT_TRUNCATED, r.problems().get(0).code());
        assertTrue(r.problems().get(0).message().contains("truncated"), r.problems().get(0).message());
    }

    @Test
    void rejectsEmptyInput() {
        assertEquals(Codes.FDT_TRUNCATED, FdtReader.read(new byte[0]).problems().get(0).code());
    }

    @Test
    void rejectsStructBlockOutsideBlob() {
        byte[] b = sample();
        ByteBuffer.wrap(b).putInt(36, 0x10000);
        assertEquals(Codes.FDT_BLOCK, FdtReader.read(b).problems().get(0).code());
    }

    @Test
    void rejectsUnknownToken() {
        byte[] b = sample();
        int struct = ByteBuffer.wrap(b).getInt(8);
        // First token after the root's BEGIN_NODE and empty name (4 + 4 bytes).
        ByteBuffer.wrap(b).putInt(struct + 8, 0x77);
        Result<Fdt> r = FdtReader.read(b);
        assertEquals(Codes.FDT_TOKEN, r.problems().get(0).code());
        assertTrue(r.problems().get(0).message().contains("0x77"));
    }

    @Test
    void rejectsPropertyNameOutsideStrings() {
        byte[] b = sample();
        int struct = ByteBuffer.wrap(b).getInt(8);
        ByteBuffer.wrap(b).putInt(struct + 16, 0x4000);   // nameoff of the first property
        assertEquals(Codes.FDT_NAME, FdtReader.read(b).problems().get(0).code());
    }

    @Test
    void readsVersion16WithoutTheStructSizeField() {
        byte[] b = sample();
        ByteBuffer h = ByteBuffer.wrap(b);
        h.putInt(20, 16);
        h.putInt(36, 0);          // not in a version 16 header
        assertEquals(FdtReader.read(sample()).orThrow(), FdtReader.read(b).orThrow());
    }

    @Test
    void rejectsVersion16StructureBlockPastTheStrings() {
        // version 16 has no structure size: it is the distance to the strings, here negative
        // (the offset wraps past 2^31; FdtReaderFuzzTest found it as an index out of bounds)
        byte[] b = sample();
        ByteBuffer h = ByteBuffer.wrap(b);
        h.putInt(20, 16);
        h.putInt(8, 0xffff0038);
        Result<Fdt> r = FdtReader.read(b);
        assertEquals(Codes.FDT_BLOCK, r.problems().get(0).code());
        assertTrue(r.problems().get(0).message().contains("structure block"), r.problems().get(0).message());
    }

    @Test
    void rejectsUnsupportedVersion() {
        byte[] b = sample();
        ByteBuffer.wrap(b).putInt(20, 3);
        assertEquals(Codes.FDT_VERSION, FdtReader.read(b).problems().get(0).code());
    }

    @Test
    void rejectsNestingDeeperThanAnyRealTree() {
        FdtNode n = new FdtNode("leaf", List.of(), List.of());
        for (int i = 0; i < FdtReader.MAX_DEPTH + 1; i++) n = new FdtNode("n" + i, List.of(), List.of(n));
        FdtNode root = new FdtNode("", List.of(), List.of(n));
        Result<Fdt> r = FdtReader.read(FdtWriter.write(new Fdt(List.of(), 0, root)));
        assertEquals(Codes.FDT_TOO_DEEP, r.problems().get(0).code(), r.problems().toString());
    }
}
