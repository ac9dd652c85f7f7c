package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.Golden;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.diag.Codes;

/**
 * JSON past what a VM config can need is one located problem, SHY0919, never an exception:
 * each of Jackson's stream limits (nesting, document, string, number and key length) in turn.
 */
class ReadLimitsTest {
    static final String TEMPLATE = read();

    static String read() {
        try {
            return Files.readString(Golden.source("rustshyper-import/readme-template.json"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Problem only(String json) {
        Result<RustShyperImporter.Imported> r = RustShyperImporter.importVms(
                List.of(new RustShyperImporter.Input("vm.json", json.getBytes(StandardCharsets.UTF_8))),
                TestPlans.qemuVirt(), "s", null);
        assertNull(r.value());
        assertEquals(1, r.problems().size(), r.problems().toString());
        return r.problems().get(0);
    }

    /** The template with {@code value} as the VM's `cmdline`. */
    static String withCmdline(String value) {
        return TEMPLATE.replaceFirst("\"cmdline\"\\s*:\\s*\"[^\"]*\"", "\"cmdline\": " + value.replace("\\", "\\\\").replace("$", "\\$"));
    }

    @Test
    void aHundredThousandLevelsDeep() {
        Problem p = only("[".repeat(100_000) + "]".repeat(100_000));
        assertEquals(Codes.RS_READ_LIMIT, p.code());
        assertEquals("vm.json:1:65: error[SHY0919]: The JSON is nested deeper than 64 levels; a VM config nests four.",
                p.toString());
    }

    @Test
    void deepInsideAField() {
        Problem p = only(withCmdline("{\"a\":".repeat(70) + "1" + "}".repeat(70)));
        assertEquals(Codes.RS_READ_LIMIT, p.code());
    }

    @Test
    void aStringOfMoreThan64KiB() {
        Problem p = only(withCmdline("\"" + "x".repeat(65 * 1024) + "\""));
        assertEquals(Codes.RS_READ_LIMIT, p.code());
        assertEquals("A string is longer than 64 KiB, the most shyperc reads.", p.message());
    }

    @Test
    void aNumberOfAHundredDigits() {
        Problem p = only(withCmdline("1" + "0".repeat(100)));
        assertEquals(Codes.RS_READ_LIMIT, p.code());
        assertEquals("A number has more than 64 digits, the most shyperc reads.", p.message());
    }

    @Test
    void aKeyOfTwoKilobytes() {
        Problem p = only(TEMPLATE.replaceFirst("\\{", "{\"" + "k".repeat(2048) + "\": 1,"));
        assertEquals(Codes.RS_READ_LIMIT, p.code());
        assertEquals("A key is longer than 1024 bytes, the most shyperc reads.", p.message());
    }

    @Test
    void aDocumentOverFourMiB() {
        // many short strings: no single value is over its limit, the whole is
        String big = "[" + "\"0123456789abcdef\",".repeat(300_000) + "0]";
        Problem p = only(withCmdline(big));
        assertEquals(Codes.RS_READ_LIMIT, p.code());
        assertEquals("The file is larger than 4 MiB, the most shyperc reads.", p.message());
    }
}
