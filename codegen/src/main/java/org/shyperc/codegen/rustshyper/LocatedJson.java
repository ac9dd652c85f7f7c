package org.shyperc.codegen.rustshyper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.shyperc.codegen.output.Problem;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * Reads fields of one Rust-Shyper JSON file by JSON pointer, recording a located problem
 * (file#/pointer) for anything missing or mistyped instead of throwing.
 */
final class LocatedJson {

    final List<Problem> problems = new ArrayList<>();
    String file;

    JsonNode require(JsonNode root, String pointer) {
        JsonNode n = root.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            report(Codes.RS_FORMAT, "Required field `" + pointer.substring(pointer.lastIndexOf('/') + 1) + "` is missing.", pointer);
            return null;
        }
        return n;
    }

    String string(JsonNode root, String pointer) {
        JsonNode n = require(root, pointer);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            report(Codes.RS_FORMAT, "`" + pointer.substring(pointer.lastIndexOf('/') + 1) + "` must be a string.", pointer);
            return null;
        }
        return n.asText();
    }

    JsonNode array(JsonNode root, String pointer) {
        JsonNode n = require(root, pointer);
        if (n != null && !n.isArray()) {
            report(Codes.RS_FORMAT, "`" + pointer.substring(pointer.lastIndexOf('/') + 1) + "` must be an array.", pointer);
            return null;
        }
        return n;
    }

    /** An address or length: a JSON string "0x…", because the CLI strips two characters without looking. */
    Long hex(JsonNode root, String pointer) {
        JsonNode n = require(root, pointer);
        if (n == null) {
            return null;
        }
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (!n.isTextual()) {
            report(Codes.RS_FORMAT, "`" + field + "` must be a \"0x…\" string; Rust-Shyper reads addresses and lengths "
                    + "only as strings.", pointer);
            return null;
        }
        String s = n.asText().trim();
        if (s.equals("0")) {
            // The CLI's one special case: a bare "0" is zero.
            return 0L;
        }
        if (!s.startsWith("0x") && !s.startsWith("0X")) {
            report(Codes.RS_NUMBER, "`" + field + "` is \"" + s + "\" without \"0x\"; Rust-Shyper drops "
                    + "its first two characters unchecked and would read " + misread(s) + ".", pointer);
            return null;
        }
        String digits = s.substring(2);
        if (!digits.matches("[0-9a-fA-F]{1,16}")) {
            report(Codes.RS_NUMBER, "`" + field + "` is \"" + s + "\", not a 64-bit hexadecimal number.",
                    pointer);
            return null;
        }
        return Long.parseUnsignedLong(digits, 16);
    }

    private static String misread(String s) {
        String rest = s.length() > 2 ? s.substring(2) : "";
        return rest.matches("[0-9a-fA-F]{1,16}") ? "0x" + rest.toLowerCase(Locale.ROOT) : "garbage";
    }

    int errorCount() {
        return (int) problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
    }

    /** A problem at {@code pointer} in the current file; the code sets whether it is an error. */
    void report(Code code, String message, String pointer) {
        problems.add(Problem.of(code, message, file + "#" + pointer));
    }
}
