package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.shyperc.codegen.Gens;
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

    /** The template with the text between two places (at most 12 characters) replaced by a piece of JSON. */
    static Gen<String> editedJson() {
        Gen<Integer> at = Generate.range(0, TEMPLATE.length() - 1);
        Gen<String> replacement = Generate.pick(List.of("", "0", "\"", "{", "}", "[", "]", ",", "-1", "null", "true",
                "\"0x\"", "\"0b\"", "1e999", "\"EMU_DEVICE_T_META\"", "18446744073709551616", "\"0xffffffffffffffffff\""));
        return at.zip(at, replacement, (i, j, r) -> {
            int a = Math.min(i, j);
            int b = Math.min(Math.max(i, j), a + 12);
            return TEMPLATE.substring(0, a) + r + TEMPLATE.substring(b);
        });
    }

    @Test
    void editedJsonGivesValueOrProblems() {
        Gens.qt(600).withShrinkCycles(1000).forAll(editedJson()).checkAssert(json -> {
            Result<RustShyperImporter.Imported> r = RustShyperImporter.importVms(
                    List.of(new RustShyperImporter.Input("x.json", json.getBytes(StandardCharsets.UTF_8))),
                    TestPlans.qemuVirt(), "s", null);
            check(r);
            if (r.value() != null) {
                assertTrue(ShyTestReader.parse(r.value().shy()).syntaxErrors().isEmpty(), r.value().shy());
            }
        });
    }

    @Test
    void arbitraryBytesGiveProblems() {
        Gens.qt(300).withShrinkCycles(1000).forAll(Gens.anyBytes()).checkAssert(bytes -> {
            check(RustShyperImporter.importVms(List.of(new RustShyperImporter.Input("x.json", bytes)), TestPlans.qemuVirt(),
                    "s", null));
            Result<String> dtb = DtbBoardImporter.importBoard(bytes, "b", "x.dtb", null);
            assertNotNull(dtb.value() != null ? dtb.value() : dtb.problems().get(0));
        });
    }

    @Test
    void damagedQemuLikeTreesImportOrFail() {
        Gens.qt(300).withShrinkCycles(1000)
                .forAll(SourceDSL.integers().between(0, 100_000), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .checkAssert((where, what) -> {
                    byte[] dtb = MVM_DTB.clone();
                    dtb[where % dtb.length] = what;
                    Result<String> r = DtbBoardImporter.importBoard(dtb, "b", "x.dtb", null);
                    if (r.value() != null) {
                        assertTrue(ShyTestReader.parse(r.value()).syntaxErrors().isEmpty(), r.value());
                    } else {
                        assertFalse(r.problems().isEmpty());
                    }
                });
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
