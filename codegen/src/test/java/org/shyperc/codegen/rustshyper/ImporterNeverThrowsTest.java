package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.shyperc.codegen.devicetree.DtbBoardImporter;
import org.shyperc.codegen.emit.Golden;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;

/**
 * Whatever the input, the importers answer with a value or located problems; they never
 * throw. Inputs are valid files with one edit (a character replaced, deleted or
 * duplicated, a JSON value swapped for another type), and arbitrary bytes.
 */
class ImporterNeverThrowsTest {

    static final String TEMPLATE = read();
    static final byte[] MVM_DTB = org.shyperc.codegen.emit.BuildOutputs.emitAll(TestPlans.qemuVirtDemo(),
            TestPlans.inputs()).get("mvm.dtb");

    static String read() {
        try {
            return Files.readString(Golden.source("rustshyper-import/readme-template.json"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Provide
    Arbitrary<String> editedJson() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, TEMPLATE.length() - 1);
        Arbitrary<String> replacement = Arbitraries.of("", "0", "\"", "{", "}", "[", "]", ",", "-1", "null", "true",
                "\"0x\"", "\"0b\"", "1e999", "\"EMU_DEVICE_T_META\"", "18446744073709551616", "\"0xffffffffffffffffff\"");
        return at.flatMap(i -> at.flatMap(j -> replacement.map(r -> {
            int a = Math.min(i, j);
            int b = Math.min(Math.max(i, j), a + 12);
            return TEMPLATE.substring(0, a) + r + TEMPLATE.substring(b);
        })));
    }

    @Property(tries = 600)
    void editedJsonGivesValueOrProblems(@ForAll("editedJson") String json) {
        Result<RustShyperImporter.Imported> r = RustShyperImporter.importVms(
                List.of(new RustShyperImporter.Input("x.json", json.getBytes(StandardCharsets.UTF_8))),
                TestPlans.qemuVirt(), "s", null);
        check(r);
        if (r.value() != null) {
            assertTrue(ShyTestReader.parse(r.value().shy()).syntaxErrors().isEmpty(), r.value().shy());
        }
    }

    @Property(tries = 300)
    void arbitraryBytesGiveProblems(@ForAll byte[] bytes) {
        check(RustShyperImporter.importVms(List.of(new RustShyperImporter.Input("x.json", bytes)), TestPlans.qemuVirt(),
                "s", null));
        Result<String> dtb = DtbBoardImporter.importBoard(bytes, "b", "x.dtb", null);
        assertNotNull(dtb.value() != null ? dtb.value() : dtb.problems().get(0));
    }

    @Property(tries = 300)
    void damagedQemuLikeTreesImportOrFail(@ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll byte what) {
        byte[] dtb = MVM_DTB.clone();
        dtb[where % dtb.length] = what;
        Result<String> r = DtbBoardImporter.importBoard(dtb, "b", "x.dtb", null);
        if (r.value() != null) {
            assertTrue(ShyTestReader.parse(r.value()).syntaxErrors().isEmpty(), r.value());
        } else {
            assertFalse(r.problems().isEmpty());
        }
    }

    private static void check(Result<?> r) {
        if (r.value() == null) {
            assertFalse(r.problems().isEmpty());
            for (Problem p : r.problems()) {
                assertTrue(p.code().id().startsWith("SHY09"), p.toString());
                assertTrue(p.location().startsWith("x.json"), p.toString());
            }
        }
    }
}
