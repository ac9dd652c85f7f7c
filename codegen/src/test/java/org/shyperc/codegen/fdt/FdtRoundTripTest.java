package org.shyperc.codegen.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.diag.Codes;

/** Write then read gives back the same tree; any damage to a blob gives an error, never an exception. */
class FdtRoundTripTest {

    @Property(tries = 300)
    void writeThenReadIsIdentity(@ForAll("fdts") Fdt fdt) {
        byte[] blob = FdtWriter.write(fdt);
        Result<Fdt> back = FdtReader.read(blob);
        assertEquals(List.of(), back.problems());
        assertEquals(fdt, back.value());
        assertArrayEquals4(blob, FdtWriter.write(back.value()));
    }

    @Property(tries = 200)
    void everyTruncationIsReportedNotThrown(@ForAll("fdts") Fdt fdt, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] blob = FdtWriter.write(fdt);
        int len = cut % blob.length;
        Result<Fdt> r = FdtReader.read(Arrays.copyOf(blob, len));
        assertNull(r.value());
        assertEquals(Codes.FDT_TRUNCATED, r.problems().get(0).code(), r.problems().toString());
    }

    @Property(tries = 500)
    void corruptBytesNeverThrow(@ForAll("fdts") Fdt fdt, @ForAll @IntRange(min = 0, max = 100_000) int where,
                                @ForAll byte what) {
        byte[] blob = FdtWriter.write(fdt);
        blob[where % blob.length] = what;
        Result<Fdt> r = FdtReader.read(blob);
        // Either still a tree, or exactly one error with a message and a byte location.
        if (r.value() == null) {
            assertEquals(1, r.problems().size());
            assertTrue(r.problems().get(0).location().startsWith("byte 0x"));
            assertNotNull(r.problems().get(0).message());
        }
    }

    @Property(tries = 100)
    void stringsBlockHoldsEachNameOnce(@ForAll("fdts") Fdt fdt) {
        byte[] blob = FdtWriter.write(fdt);
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(blob);
        int off = h.getInt(12);
        int size = h.getInt(32);
        String[] names = new String(blob, off, size, java.nio.charset.StandardCharsets.UTF_8).split("\0");
        assertEquals(Arrays.stream(names).filter(s -> !s.isEmpty()).distinct().count(),
                Arrays.stream(names).filter(s -> !s.isEmpty()).count());
    }

    private static void assertArrayEquals4(byte[] a, byte[] b) {
        assertTrue(Arrays.equals(a, b), "rewriting the read tree gives the same bytes");
    }

    @Provide
    Arbitrary<Fdt> fdts() {
        Arbitrary<List<Fdt.Reservation>> rsv = Combinators.combine(Arbitraries.longs(), Arbitraries.longs().greaterOrEqual(1))
                .as(Fdt.Reservation::new).list().ofMaxSize(3);
        return Combinators.combine(rsv, Arbitraries.longs().between(0, 0xffff_ffffL), node(3).map(n ->
                new FdtNode("", n.properties(), n.children()))).as(Fdt::new);
    }

    private Arbitrary<FdtNode> node(int depth) {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789,._+-@")
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<FdtProperty> prop = Combinators.combine(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz#,-").ofMinLength(1).ofMaxLength(16),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40)).as(FdtProperty::new);
        Arbitrary<List<FdtNode>> kids = depth == 0 ? Arbitraries.just(List.of())
                : Arbitraries.lazy(() -> node(depth - 1)).list().ofMaxSize(3);
        return Combinators.combine(name, prop.list().ofMaxSize(5), kids).as(FdtNode::new);
    }
}
